import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsInt,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { EvidenceItemDto } from './evidence-item.dto';

export class SubmitApplicationDto {
  @ApiProperty({ example: 1024, description: 'the credit record to repair (own records only)' })
  @IsInt()
  @Min(1)
  recordId: number;

  @ApiProperty({ example: '罚款已缴清，违法行为已整改完毕，申请提前停止公示。', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiProperty({ example: true, description: 'the integrity commitment (守信承诺): must be true' })
  @Equals(true, { message: 'commitment must be true' })
  commitment: boolean;

  @ApiProperty({
    type: [EvidenceItemDto],
    description: 'APPLICATION_FORM, COMMITMENT_LETTER and FULFILMENT_PROOF are required',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence: EvidenceItemDto[];
}
