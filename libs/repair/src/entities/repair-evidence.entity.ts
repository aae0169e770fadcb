import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceItemKind } from '../dto/evidence-item.dto';

/** A material cited by an application: an uploaded file (by sha256) with its kind and title. */
@Entity('repair_evidence')
export class RepairEvidence {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'bigint', unsigned: true })
  applicationId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: EvidenceItemKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;
}
