import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/core';

/**
 * Removes uploads no application of their uploader cites once they are older
 * than EVIDENCE_UNREFERENCED_MAX_AGE_HOURS, then the files no upload and no
 * application refer to any more, rows and bytes. Idempotent; the file rows are
 * locked while their bytes go, so an upload of the same content waits (see
 * EvidenceStore.save) and never ends with a row pointing at a removed file.
 */
@Injectable()
export class EvidenceSweepService {
  private readonly logger = new Logger(EvidenceSweepService.name);
  private readonly dir: string;
  private readonly maxAgeMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.dir = resolve(config.env.EVIDENCE_DIR);
    this.maxAgeMs = config.env.EVIDENCE_UNREFERENCED_MAX_AGE_HOURS * 3600_000;
  }

  async sweep(): Promise<{ uploads: number; files: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.maxAgeMs);
    return this.db.transaction(async (m) => {
      const result = await m.query(
        `DELETE FROM evidence_uploads
          WHERE created_at < ?
            AND NOT EXISTS (
              SELECT 1 FROM repair_evidence ev
                JOIN repair_applications a ON a.id = ev.application_id
               WHERE ev.sha256 = evidence_uploads.sha256
                 AND a.uscc = evidence_uploads.uploaded_by_uscc)`,
        [cutoff],
      );
      const orphans: { sha256: string }[] = await m.query(
        `SELECT f.sha256 FROM evidence_files f
          WHERE NOT EXISTS (SELECT 1 FROM evidence_uploads u WHERE u.sha256 = f.sha256)
            AND NOT EXISTS (SELECT 1 FROM repair_evidence ev WHERE ev.sha256 = f.sha256)
          FOR UPDATE`,
      );
      const hashes = orphans.map((o) => o.sha256);
      if (hashes.length > 0) {
        await m.query('DELETE FROM evidence_files WHERE sha256 IN (?)', [hashes]);
        for (const sha256 of hashes) {
          await rm(join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256), {
            force: true,
          });
        }
        this.logger.log({ files: hashes.length }, 'unreferenced evidence removed');
      }
      return { uploads: Number(result?.affectedRows ?? 0), files: hashes.length };
    });
  }
}
