import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { EVIDENCE_ITEM_KINDS, EvidenceItemDto, EvidenceItemKind } from './evidence-item.dto';

/** 补正 (一次性告知): the regulator names every missing material at once. */
export class RequestMaterialsDto {
  @ApiProperty({ example: 1, description: 'the version the request was made on' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({
    enum: EVIDENCE_ITEM_KINDS,
    isArray: true,
    example: ['FULFILMENT_PROOF'],
    description: 'the missing materials, all of them: the request can be made only once',
  })
  @IsArray()
  @ArrayNotEmpty({ message: 'materials must name at least one missing material' })
  @ArrayUnique()
  @IsIn(EVIDENCE_ITEM_KINDS, { each: true })
  materials: EvidenceItemKind[];

  @ApiPropertyOptional({
    example: '请补充提交罚款缴纳凭证原件扫描件。',
    description: 'what exactly is missing, as written to the enterprise',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

/** The enterprise's reply to a 补正 request: the files, uploaded first with POST /evidence. */
export class SupplyMaterialsDto {
  @ApiProperty({ example: 2, description: 'the version the reply was made on' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: [EvidenceItemDto], description: 'must cover every requested material' })
  @IsArray()
  @ArrayNotEmpty({ message: 'evidence must list the requested materials' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence: EvidenceItemDto[];
}
