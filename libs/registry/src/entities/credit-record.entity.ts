import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type {
  InspectionResult,
  PenaltyField,
  PenaltySeverity,
  RecordKind,
  RecordStatus,
  TaxRating,
} from '@app/scoring';
import { decimalTransformer } from './decimal.transformer';
import { Enterprise } from './enterprise.entity';

/** A dated fact about an enterprise; kind-specific columns are null for other kinds. */
@Entity('credit_records')
export class CreditRecord {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'bigint', unsigned: true })
  enterpriseId: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  @Column({ type: 'varchar', length: 32 })
  kind: RecordKind;

  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'varchar', length: 12, default: 'ACTIVE' })
  status: RecordStatus;

  @Column({ type: 'varchar', length: 10, nullable: true })
  severity: PenaltySeverity | null;

  @Column({
    type: 'decimal',
    precision: 16,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  amount: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  violationType: string | null;

  @Column({ type: 'boolean', nullable: true })
  restrictive: boolean | null;

  @Column({ type: 'date', nullable: true })
  restrictionEndsOn: string | null;

  /** PENALTY: field of law (FOOD, DRUG, SPECIAL_EQUIPMENT, OTHER). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  field: PenaltyField | null;

  /** Issuing authority's division code: its regulators decide repairs (谁认定谁修复). */
  @Column({ type: 'char', length: 6 })
  authorityRegion: string;

  /** The record of the same enterprise this one follows from. */
  @Column({ type: 'bigint', unsigned: true, nullable: true })
  relatedRecordId: string | null;

  /** Publicity runs again from this day (a repair revoked for false materials). */
  @Column({ type: 'date', nullable: true })
  publicityFrom: string | null;

  /** Temporary repair during a bankruptcy reorganisation: not counted from … through … */
  @Column({ type: 'date', nullable: true })
  suspendedFrom: string | null;

  @Column({ type: 'date', nullable: true })
  suspendedUntil: string | null;

  /** The court's approval of the reorganisation plan the suspension rests on. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  suspensionDocumentNo: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  result: InspectionResult | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'smallint', nullable: true })
  year: number | null;

  @Column({ type: 'char', length: 1, nullable: true })
  rating: TaxRating | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  documentNo: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reference: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
