import { ApiProperty } from '@nestjs/swagger';
import { TierCountsView } from './risk.views';

// Response shapes of the reclassification routes, for the OpenAPI document only.

export class ChunkCountsView {
  @ApiProperty() total!: number;
  @ApiProperty() done!: number;
  @ApiProperty() failed!: number;
}

export class RunView {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ enum: ['full', 'incremental'] }) mode!: string;
  @ApiProperty({ example: '2025.1' }) modelVersion!: string;
  @ApiProperty() modelHash!: string;
  @ApiProperty({ type: String, nullable: true, example: '3301' }) region!: string | null;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() total!: number;
  @ApiProperty() processed!: number;
  @ApiProperty({ description: 'assessments that changed, first classifications included' })
  changed!: number;
  @ApiProperty({ description: 'classified for the first time (no tier before)' })
  firstClassified!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '3306',
    description: "the region the counts cover: the run's, or the caller's jurisdiction inside it",
  })
  countsRegion!: string | null;
  @ApiProperty() failed!: number;
  @ApiProperty({ type: ChunkCountsView }) chunks!: ChunkCountsView;
  @ApiProperty({ type: Number, nullable: true }) ratePerSecond!: number | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: TierCountsView }) byTier!: TierCountsView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'A>B': 12, 'C>D': 3 },
  })
  transitions!: Record<string, number>;
}
