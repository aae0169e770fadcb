import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { EnterpriseStatus } from '@app/scoring';
import { decimalTransformer } from './decimal.transformer';

@Entity('enterprises')
export class Enterprise {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'char', length: 18, unique: true })
  uscc: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 8 })
  industryCode: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'decimal', precision: 18, scale: 2, transformer: decimalTransformer })
  registeredCapital: string;

  @Column({ type: 'date' })
  establishedOn: string;

  @Column({ type: 'varchar', length: 12 })
  status: EnterpriseStatus;

  /** When any scoring input last changed: drives incremental reclassification. */
  @Column({ type: 'datetime', precision: 3 })
  inputsChangedAt: Date;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
