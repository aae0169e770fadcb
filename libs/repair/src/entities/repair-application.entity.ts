import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ApplicationStatus } from '../policy/application-state';

const yearList = {
  to: (years: number[] | null): string | null => (years?.length ? years.join(',') : null),
  from: (v: string | null): number[] => (v ? v.split(',').map(Number) : []),
};

const kindList = {
  to: (kinds: string[] | null): string | null => (kinds?.length ? kinds.join(',') : null),
  from: (v: string | null): string[] => (v ? v.split(',') : []),
};

/** A credit-repair application (信用修复申请); its lifecycle is policy/application-state.ts. */
@Entity('repair_applications')
export class RepairApplication {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'bigint', unsigned: true })
  recordId: string;

  /** The record's kind, fixed when filed (records never change kind). */
  @Column({ type: 'varchar', length: 32 })
  recordKind: string;

  @Column({ type: 'bigint', unsigned: true })
  enterpriseId: string;

  /** The enterprise's USCC, its identity: who filed, whose uploads it may cite. */
  @Column({ type: 'char', length: 18 })
  uscc: string;

  /** The enterprise's registration region at submission: its regulators see the application. */
  @Column({ type: 'char', length: 6 })
  regionCode: string;

  /** The record's issuing authority: its regulators decide (谁认定谁修复) and see it too. */
  @Column({ type: 'char', length: 6 })
  authorityRegion: string;

  @Column({ type: 'varchar', length: 24 })
  status: ApplicationStatus;

  /** Optimistic lock: every transition is `UPDATE … WHERE version = ?` and bumps it. */
  @Column({ type: 'int', unsigned: true, default: 1 })
  version: number;

  /** The record id while open, else NULL; unique, so one open application per record. */
  @Column({ type: 'bigint', unsigned: true, nullable: true })
  openRecordId: string | null;

  /** The policy in force on the submission date; it judges the application for its whole life. */
  @Column({ type: 'varchar', length: 64 })
  policyId: string;

  @Column({ type: 'varchar', length: 2000 })
  reason: string;

  @Column({ type: 'boolean' })
  commitment: boolean;

  @Column({ type: 'datetime', precision: 3 })
  submittedAt: Date;

  @Column({ type: 'date' })
  submittedOn: string;

  @Column({ type: 'date' })
  acceptBy: string;

  @Column({ type: 'date', nullable: true })
  acceptedOn: string | null;

  @Column({ type: 'date', nullable: true })
  decideBy: string | null;

  /** Time of the reject, approve or deny decision (a later revocation is in the history). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  /** Shanghai date of that decision: repair limits count approvals by it. */
  @Column({ type: 'date', nullable: true })
  decidedOn: string | null;

  /** Open and past the deadline of its current stage, as of the last deadline sweep. */
  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  /** Years a deadline was counted Monday–Friday for lack of official holiday data. */
  @Column({ type: 'varchar', length: 64, nullable: true, transformer: yearList })
  calendarFallbackYears: number[];

  /** 补正: the materials asked for (once, all together), when, and the last day to supply them. */
  @Column({ type: 'varchar', length: 200, nullable: true, transformer: kindList })
  materialsRequested: string[];

  @Column({ type: 'date', nullable: true })
  materialsRequestedOn: string | null;

  @Column({ type: 'date', nullable: true })
  supplyBy: string | null;

  /** The inspection record whose publication the approval also ended (a penalty's origin). */
  @Column({ type: 'bigint', unsigned: true, nullable: true })
  alsoRepairedRecordId: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
