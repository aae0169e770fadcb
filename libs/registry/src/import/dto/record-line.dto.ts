import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateNested } from 'class-validator';
import { CreateRecordDto } from '../../dto/create-record.dto';
import { UsccField } from './uscc-field.decorator';

/** `{"type":"record","uscc":…,"record":{<POST /records body>}}` for an enterprise already known. */
export class RecordLineDto {
  @IsIn(['record'])
  type: 'record';

  @UsccField()
  uscc: string;

  @IsObject()
  @ValidateNested()
  @Type(() => CreateRecordDto)
  record: CreateRecordDto;
}
