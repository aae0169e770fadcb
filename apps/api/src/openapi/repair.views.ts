import { NameView } from './registry.views';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditRecordView } from './registry.views';

// Response shapes of the credit-repair routes, for the OpenAPI document only.

export class StoredEvidenceView {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty({ example: 183204 }) size!: number;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] }) contentType!: string;
}

export class ConditionView {
  @ApiProperty({ example: 'MIN_PERIOD_NOT_REACHED' }) code!: string;
  @ApiProperty() met!: boolean;
  @ApiPropertyOptional({ format: 'date', description: 'when time alone lifts it: the first day' })
  earliestOn?: string;
  @ApiPropertyOptional({ type: [Number] }) recordIds?: number[];
  @ApiPropertyOptional({ type: [String], example: ['FULFILMENT_PROOF'] })
  missingMaterials?: string[];
  @ApiPropertyOptional() detail?: string;
}

export class EligibilityView {
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ example: '2025-samr-order-107', description: 'id of the policy applied' })
  policy!: string;
  @ApiProperty({ type: [ConditionView] }) conditions!: ConditionView[];
  @ApiPropertyOptional({ format: 'date' }) earliestOn?: string;
}

export class EvidenceItemView {
  @ApiProperty({ example: 'FULFILMENT_PROOF' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() sha256!: string;
}

export class HistoryEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'regulator' }) actorRole!: string;
  @ApiProperty({ example: 'accept' }) action!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus!: string | null;
  @ApiProperty({ example: 'ACCEPTED' }) toStatus!: string;
}

export class RepairApplicationView {
  @ApiProperty() id!: number;
  @ApiProperty() uscc!: string;
  @ApiProperty() recordId!: number;
  @ApiProperty({ example: 'PENALTY' }) recordKind!: string;
  @ApiProperty({ example: 'SUBMITTED' }) status!: string;
  @ApiProperty({ description: 'send it back with a decision (optimistic locking)' })
  version!: number;
  @ApiProperty({ example: '2025-samr-order-107' }) policy!: string;
  @ApiProperty({ type: NameView, nullable: true, description: "the policy's title" })
  policyTitle!: NameView | null;
  @ApiProperty() reason!: string;
  @ApiProperty() commitment!: boolean;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ format: 'date' }) acceptBy!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) acceptedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) decideBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [Number] }) calendarFallbackYears!: number[];
  @ApiProperty({ type: [String], example: ['accept', 'reject'] }) allowedActions!: string[];
  @ApiProperty({ type: [String], nullable: true }) materialsRequested!: string[] | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  materialsRequestedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) supplyBy!: string | null;
  @ApiProperty({ type: Number, nullable: true }) alsoRepairedRecordId!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '330106' })
  authorityRegion!: string | null;
  @ApiProperty({ type: [EvidenceItemView] }) evidence!: EvidenceItemView[];
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
}

export class TemporaryRepairView {
  @ApiProperty() uscc!: string;
  @ApiProperty({ format: 'date' }) suspendedFrom!: string;
  @ApiProperty({ format: 'date' }) suspendedUntil!: string;
  @ApiProperty({ type: [CreditRecordView] }) records!: CreditRecordView[];
}
