import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { EvidenceRepository } from './evidence.repository';
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
    private readonly evidence: EvidenceRepository,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.dir = resolve(config.env.EVIDENCE_DIR);
    this.maxAgeMs = config.env.EVIDENCE_UNREFERENCED_MAX_AGE_HOURS * 3600_000;
  }

  async sweep(): Promise<{ uploads: number; files: number }> {
    const cutoff = new Date(this.clock.now().getTime() - this.maxAgeMs);
    return this.db.transaction(async (m) => {
      const { uploads, files } = await this.evidence.removeUnreferenced(m, cutoff);
      // Rows first, then the files, in the transaction that holds the rows' locks.
      for (const sha256 of files) {
        await rm(join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256), { force: true });
      }
      if (files.length > 0)
        this.logger.log({ files: files.length }, 'unreferenced evidence removed');
      return { uploads, files: files.length };
    });
  }
}
