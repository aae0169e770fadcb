import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CreateRecordDto } from '../../dto/create-record.dto';
import { PersonLinkDto, ReplacePersonsDto } from '../../dto/replace-persons.dto';
import { UpsertEnterpriseDto } from '../../dto/upsert-enterprise.dto';
import { UsccField } from './uscc-field.decorator';

/** Most records one enterprise line may carry; more go on `record` lines. */
export const MAX_RECORDS_PER_LINE = 1000;

/**
 * `{"type":"enterprise","uscc":…,"enterprise":{…},"records":[…]?,"persons":[…]?}`,
 * the unit written all-or-nothing. The payloads are the bodies of
 * `PUT /enterprises/:uscc`, `POST …/records` and `PUT …/persons`, validated by
 * those very DTO classes, so the rules never diverge. (An envelope rather than
 * one flat object because the enterprise body has a `type` field of its own.)
 */
export class EnterpriseLineDto {
  @IsIn(['enterprise'])
  type: 'enterprise';

  @UsccField()
  uscc: string;

  @IsObject()
  @ValidateNested()
  @Type(() => UpsertEnterpriseDto)
  enterprise: UpsertEnterpriseDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECORDS_PER_LINE)
  @ValidateNested({ each: true })
  @Type(() => CreateRecordDto)
  records?: CreateRecordDto[];

  /** Present: replaces the enterprise's person links (as PUT /persons does). Absent: links untouched. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PersonLinkDto)
  persons?: ReplacePersonsDto['persons'];
}
