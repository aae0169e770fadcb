import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes of the risk routes, for the OpenAPI document only.

const TIER = { enum: ['A', 'B', 'C', 'D'], example: 'B' };

export class LabelView {
  @ApiProperty({ example: '行政处罚' }) zh!: string;
  @ApiProperty({ example: 'Administrative penalty' }) en!: string;
}

export class TierCountsView {
  @ApiProperty() A!: number;
  @ApiProperty() B!: number;
  @ApiProperty() C!: number;
  @ApiProperty() D!: number;
}

export class ThresholdsView {
  @ApiProperty() A!: number;
  @ApiProperty() B!: number;
  @ApiProperty() C!: number;
}

export class FactorView {
  @ApiProperty({ example: 'PENALTY_GENERAL' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: 'regulatory' }) category!: string | null;
  @ApiProperty({ type: LabelView, nullable: true }) label!: LabelView | null;
  @ApiProperty({ example: -8 }) points!: number;
  @ApiProperty({ type: [Number] }) recordIds!: number[];
}

export class VetoView {
  @ApiProperty({ example: 'SERIOUS_DISHONESTY' }) code!: string;
  @ApiProperty({ example: 'TIER_D' }) effect!: string;
  @ApiProperty({ type: LabelView, nullable: true }) label!: LabelView | null;
  @ApiProperty({ type: [Number] }) recordIds!: number[];
}

export class AssessmentView {
  @ApiProperty({ example: '91330106MA2B3C4D5E' }) uscc!: string;
  @ApiProperty(TIER) tier!: string;
  @ApiProperty({ example: 78 }) score!: number;
  @ApiProperty({ example: '2025.1' }) modelVersion!: string;
  @ApiProperty() modelHash!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) assessedAt!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'the earliest date a time-based indicator changes',
  })
  nextReviewOn?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) base?: number | null;
  @ApiPropertyOptional({ type: ThresholdsView, nullable: true }) thresholds?: ThresholdsView | null;
  @ApiProperty({ type: [FactorView] }) factors!: FactorView[];
  @ApiProperty({ type: [VetoView] }) vetoes!: VetoView[];
}

export class BaselineView {
  @ApiProperty(TIER) tier!: string;
  @ApiProperty() score!: number;
}

export class SimulationView extends AssessmentView {
  @ApiProperty({ description: 'always true: computed, not stored' }) simulated!: boolean;
  @ApiProperty({ type: [Number], description: 'the records left out' }) without!: number[];
  @ApiProperty({ type: BaselineView, description: 'the stored assessment it departs from' })
  baseline!: BaselineView;
}

export class TierListItemView {
  @ApiProperty({ example: '91330106MA2B3C4D5E' }) uscc!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '330106' }) regionCode!: string;
  @ApiProperty({ type: String, nullable: true, example: '浙江省杭州市西湖区' })
  regionName!: string | null;
  @ApiProperty(TIER) tier!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ format: 'date-time' }) assessedAt!: string;
}

export class RegionTierCountsView {
  @ApiProperty({ example: '330106' }) region!: string;
  @ApiProperty({ type: String, nullable: true, example: '西湖区' }) regionName!: string | null;
  @ApiProperty() total!: number;
  @ApiProperty({ type: TierCountsView }) byTier!: TierCountsView;
}

export class RiskSummaryView extends RegionTierCountsView {
  @ApiPropertyOptional({
    type: [RegionTierCountsView],
    description: 'with groupBy=subregion: one row per region one level below',
  })
  subRegions?: RegionTierCountsView[];
}
