import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationAction, ApplicationStatus } from '../policy/application-state';

/** One transition of an application: who, when, what, and why (reasons for adverse decisions). */
@Entity('repair_application_history')
export class RepairHistoryEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'bigint', unsigned: true })
  applicationId: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 128 })
  actorSub: string;

  @Column({ type: 'varchar', length: 12 })
  actorRole: string;

  @Column({ type: 'varchar', length: 12 })
  action: ApplicationAction;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 12 })
  fromStatus: ApplicationStatus;

  @Column({ type: 'varchar', length: 12 })
  toStatus: ApplicationStatus;
}
