import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** accept, reject, approve, deny, revoke. */
export class DecisionDto {
  @ApiProperty({
    example: 1,
    description: 'the version the decision was made on (optimistic lock)',
  })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    example: '申请材料不齐全：缺少行政处罚决定履行完毕的证明。',
    description: 'required for reject, deny and revoke',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
