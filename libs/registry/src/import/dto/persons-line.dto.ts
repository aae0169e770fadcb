import { IsIn } from 'class-validator';
import { ReplacePersonsDto } from '../../dto/replace-persons.dto';
import { UsccField } from './uscc-field.decorator';

/** `{"type":"persons","uscc":…,"persons":[…]}`: replaces the links of an enterprise already known. */
export class PersonsLineDto extends ReplacePersonsDto {
  @IsIn(['persons'])
  type: 'persons';

  @UsccField()
  uscc: string;
}
