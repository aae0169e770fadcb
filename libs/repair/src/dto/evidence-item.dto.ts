import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { EVIDENCE_KINDS } from '../policy/repair-policy.schema';

/** The materials a policy can require, plus OTHER for anything else the enterprise adds. */
export const EVIDENCE_ITEM_KINDS = [...EVIDENCE_KINDS, 'OTHER'] as const;
export type EvidenceItemKind = (typeof EVIDENCE_ITEM_KINDS)[number];

export class EvidenceItemDto {
  @ApiProperty({ enum: EVIDENCE_ITEM_KINDS, example: 'APPLICATION_FORM' })
  @IsIn(EVIDENCE_ITEM_KINDS)
  kind: EvidenceItemKind;

  @ApiProperty({ example: '信用修复申请书', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: 'of a file uploaded by the same enterprise with POST /evidence',
  })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256: string;
}
