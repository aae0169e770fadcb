import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An uploaded file, stored once under EVIDENCE_DIR by its sha256. */
@Entity('evidence_files')
export class EvidenceFile {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'int', unsigned: true })
  size: number;

  /** Detected from the content, never taken from the client. */
  @Column({ type: 'varchar', length: 40 })
  contentType: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
