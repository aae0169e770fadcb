import { Column, Entity, PrimaryColumn } from 'typeorm';

/** That an enterprise uploaded a file: it may download it and cite it in its applications. */
@Entity('evidence_uploads')
export class EvidenceUpload {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256: string;

  @PrimaryColumn({ type: 'char', length: 18 })
  uploadedByUscc: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
