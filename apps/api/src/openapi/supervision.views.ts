import { ApiProperty } from '@nestjs/swagger';
import { TierCountsView } from './risk.views';

// Response shapes of the supervision routes, for the OpenAPI document only.

export class InspectorView {
  @ApiProperty({ example: 3 }) id!: number;
  @ApiProperty({ example: '王建国' }) name!: string;
  @ApiProperty({ example: '3301' }) regionCode!: string;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-06-15T02:00:00.000Z' }) createdAt!: string;
}

export class ConflictView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 3 }) inspectorId!: number;
  @ApiProperty({ example: '91330106MA2B3C4D5E' }) uscc!: string;
  @ApiProperty({ example: '配偶任该企业财务负责人' }) reason!: string;
  @ApiProperty({ format: 'date-time', example: '2026-06-15T02:00:00.000Z' }) createdAt!: string;
}

export class PlanTotalsView {
  @ApiProperty() population!: number;
  @ApiProperty() drawn!: number;
}

export class PlanHeaderView {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '330106' }) region!: string;
  @ApiProperty() seed!: string;
  @ApiProperty({ type: String, enum: ['server', 'caller'], nullable: true })
  seedSource!: string | null;
  @ApiProperty() algorithm!: string;
  @ApiProperty({ type: TierCountsView, description: 'ratios drawn per tier' })
  ratios!: TierCountsView;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  ratioRanges!: Record<string, unknown> | null;
  @ApiProperty({ type: TierCountsView }) population!: TierCountsView;
  @ApiProperty({ type: String, nullable: true }) populationDigest!: string | null;
  @ApiProperty({ type: TierCountsView }) counts!: TierCountsView;
  @ApiProperty({ type: PlanTotalsView }) totals!: PlanTotalsView;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the last item got its result; null while results are outstanding',
  })
  closedAt!: string | null;
}

export class TierRatioView {
  @ApiProperty({ example: 0.1, description: 'used when a draw gives no ratio' }) default!: number;
  @ApiProperty({ example: 0.05 }) min!: number;
  @ApiProperty({ example: 0.2 }) max!: number;
}

export class SamplingRatiosView {
  @ApiProperty({ type: TierRatioView }) A!: TierRatioView;
  @ApiProperty({ type: TierRatioView }) B!: TierRatioView;
  @ApiProperty({ type: TierRatioView }) C!: TierRatioView;
  @ApiProperty({ type: TierRatioView }) D!: TierRatioView;
}
