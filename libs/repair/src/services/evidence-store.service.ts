import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@app/core/auth/caller';
import { effectiveRegion, regionLikePattern } from '@app/core/auth/jurisdiction';
import { AppConfig } from '@app/core/config/app-config';
import { Clock } from '@app/core/values/clock';
import { detectEvidenceType, EvidenceContentType } from './evidence-content-type';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** An uploaded file, in memory (apps/api reads it from the multipart request). */
export interface UploadedEvidence {
  buffer: Buffer;
  size: number;
}

export interface StoredEvidence {
  sha256: string;
  size: number;
  contentType: EvidenceContentType;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Evidence files, content-addressed: stored once under EVIDENCE_DIR at
 * `ab/cd/<sha256>` whoever uploads them, and readable by each uploader and by
 * the regulators of the region of an application that cites them.
 */
@Injectable()
export class EvidenceStore {
  private readonly logger = new Logger(EvidenceStore.name);
  private readonly dir: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.dir = resolve(config.env.EVIDENCE_DIR);
  }

  async save(caller: Caller, file: UploadedEvidence | undefined): Promise<StoredEvidence> {
    if (!file) throw fileProblem('a file is required in the multipart field "file"');
    // The upload is cut off at the limit while receiving; this guards any other way in.
    if (file.size > MAX_EVIDENCE_BYTES) {
      throw new PayloadTooLargeException(`file larger than ${MAX_EVIDENCE_BYTES} bytes`);
    }
    const contentType = detectEvidenceType(file.buffer);
    if (!contentType) {
      throw fileProblem('file must be a PDF, PNG or JPEG (judged from its content)');
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // The bytes first, then the rows: a row must never point at a missing file,
    // while a file without a row (a crash in between) is harmless and re-used.
    await this.writeOnce(sha256, file.buffer);
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO evidence_files (sha256, size, content_type, created_at) VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE sha256 = sha256`,
        [sha256, file.size, contentType, now],
      );
      await m.query(
        `INSERT INTO evidence_uploads (sha256, uploaded_by_uscc, created_at) VALUES (?, ?, ?)
         ON DUPLICATE KEY UPDATE sha256 = sha256`,
        [sha256, caller.uscc, now],
      );
    });
    return { sha256, size: file.size, contentType };
  }

  /** The file for download; 404 unless the caller may read it (and for unknown hashes). */
  async open(
    caller: Caller,
    sha256: string,
  ): Promise<{ stream: Readable; size: number; contentType: string }> {
    const notFound = new NotFoundException(`evidence ${sha256} not found`);
    if (!SHA256.test(sha256)) throw notFound;
    const rows: { size: number; content_type: string }[] = await this.db.query(
      'SELECT size, content_type FROM evidence_files WHERE sha256 = ?',
      [sha256],
    );
    if (rows.length === 0 || !(await this.mayRead(caller, sha256))) throw notFound;
    const path = this.pathOf(sha256);
    try {
      await stat(path);
    } catch {
      this.logger.error({ sha256 }, 'evidence file recorded but missing on disk');
      throw notFound;
    }
    return {
      stream: createReadStream(path),
      size: rows[0].size,
      contentType: rows[0].content_type,
    };
  }

  /** Of `hashes`, those the enterprise has not uploaded (it may cite only its own files). */
  async notUploadedBy(m: EntityManager, uscc: string, hashes: string[]): Promise<string[]> {
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return [];
    const rows: { sha256: string }[] = await m.query(
      'SELECT sha256 FROM evidence_uploads WHERE uploaded_by_uscc = ? AND sha256 IN (?)',
      [uscc, unique],
    );
    const owned = new Set(rows.map((r) => r.sha256));
    return unique.filter((h) => !owned.has(h));
  }

  private async mayRead(caller: Caller, sha256: string): Promise<boolean> {
    if (caller.role === 'enterprise') {
      const rows = await this.db.query(
        'SELECT 1 FROM evidence_uploads WHERE sha256 = ? AND uploaded_by_uscc = ? LIMIT 1',
        [sha256, caller.uscc],
      );
      return rows.length > 0;
    }
    if (caller.role === 'regulator') {
      const region = effectiveRegion(caller);
      if (region === null) return false;
      const rows = await this.db.query(
        `SELECT 1 FROM repair_evidence ev JOIN repair_applications a ON a.id = ev.application_id
          WHERE ev.sha256 = ? AND a.region_code LIKE ? LIMIT 1`,
        [sha256, regionLikePattern(region)],
      );
      return rows.length > 0;
    }
    return false;
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Writes via a temporary file and a rename, so a reader never sees a partial file. */
  private async writeOnce(sha256: string, content: Buffer): Promise<void> {
    const path = this.pathOf(sha256);
    const existing = await stat(path).catch(() => undefined);
    if (existing?.size === content.length) return;
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, content, { flag: 'wx' });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

function fileProblem(message: string): BadRequestException {
  return new BadRequestException({
    message: `invalid request: ${message}`,
    details: [{ field: 'file', message }],
  });
}
