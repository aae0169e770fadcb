import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, effectiveRegion, AppConfig, Clock } from '@app/core';
import { EnterpriseService } from '@app/registry';
import { detectEvidenceType, EvidenceContentType } from './evidence-content-type';
import { EvidenceRepository } from './evidence.repository';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** Bytes kept from a file's start to judge its type (the longest signature is 8). */
const HEAD_BYTES = 16;

/**
 * A received file, spooled to a temporary file under EVIDENCE_DIR and hashed
 * while it arrived: never whole in memory. `save` moves it to its sha256 name
 * or `discard` removes it.
 */
export interface UploadedEvidence {
  tmpPath: string;
  sha256: string;
  size: number;
  /** The first bytes, for the content check. */
  head: Buffer;
  /** The multipart limit cut the file off: it was larger than MAX_EVIDENCE_BYTES. */
  truncated: boolean;
}

export interface StoredEvidence {
  sha256: string;
  size: number;
  contentType: EvidenceContentType;
}

const SHA256 = /^[0-9a-f]{64}$/;
const INCOMING = '.incoming';

/**
 * Evidence files, content-addressed: stored once under EVIDENCE_DIR at
 * `ab/cd/<sha256>` whoever uploads them, and readable by each uploader and by
 * the regulators of the region of an application that cites them.
 */
@Injectable()
export class EvidenceStore {
  private readonly logger = new Logger(EvidenceStore.name);
  private readonly dir: string;
  private readonly quotaBytes: number;
  private readonly quotaFiles: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly enterprises: EnterpriseService,
    private readonly evidence: EvidenceRepository,
    config: AppConfig,
  ) {
    this.dir = resolve(config.env.EVIDENCE_DIR);
    this.quotaBytes = config.env.EVIDENCE_QUOTA_BYTES;
    this.quotaFiles = config.env.EVIDENCE_QUOTA_FILES;
  }

  /**
   * Checked before the body is read: only enterprises in the registry upload
   * (404 naming the USCC), and not one already at its quota.
   */
  async admit(caller: Caller): Promise<void> {
    if (!caller.uscc || !(await this.enterprises.exists(caller.uscc))) {
      throw new NotFoundException(`enterprise ${caller.uscc} not found in the registry`);
    }
    await this.checkQuota(this.db.manager, caller.uscc, undefined);
  }

  /** Spools a file stream to EVIDENCE_DIR/.incoming, hashing and keeping its head on the way. */
  async receive(source: Readable & { truncated?: boolean }): Promise<UploadedEvidence> {
    const incoming = join(this.dir, INCOMING);
    await mkdir(incoming, { recursive: true });
    const tmpPath = join(incoming, `${randomUUID()}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const head: Buffer[] = [];
    let headLength = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(tmpPath, { flags: 'wx' }));
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
    return {
      tmpPath,
      sha256: hash.digest('hex'),
      size,
      head: Buffer.concat(head),
      truncated: source.truncated === true,
    };
  }

  /** Removes a received file that will not be saved. */
  async discard(file: UploadedEvidence | undefined): Promise<void> {
    if (file) await rm(file.tmpPath, { force: true });
  }

  async save(caller: Caller, file: UploadedEvidence | undefined): Promise<StoredEvidence> {
    if (!file) throw fileProblem('a file is required in the multipart field "file"');
    try {
      return await this.store(caller, file);
    } finally {
      await this.discard(file);
    }
  }

  private async store(caller: Caller, file: UploadedEvidence): Promise<StoredEvidence> {
    if (file.truncated || file.size > MAX_EVIDENCE_BYTES) {
      throw new PayloadTooLargeException(`file larger than ${MAX_EVIDENCE_BYTES} bytes`);
    }
    const contentType = detectEvidenceType(file.head);
    if (!contentType) {
      throw fileProblem('file must be a PDF, PNG or JPEG (judged from its content)');
    }
    const { sha256, size } = file;
    const now = this.clock.now();
    // The rows, then the file, in one transaction: the evidence_files row lock
    // orders this against the sweep removing the same file, so a committed row
    // never points at a missing file; a crash after the rename leaves a file
    // without a row, harmless and re-used.
    await this.db.transaction(async (m) => {
      await this.checkQuota(m, caller.uscc ?? '', { sha256, size });
      await this.evidence.recordUpload(m, {
        sha256,
        size,
        contentType,
        uscc: caller.uscc ?? '',
        at: now,
      });
      const path = this.pathOf(sha256);
      await mkdir(dirname(path), { recursive: true });
      await rename(file.tmpPath, path);
    });
    return { sha256, size, contentType };
  }

  /**
   * 413 naming the quota when the enterprise holds (with `adding`, a file it
   * does not hold yet) more than EVIDENCE_QUOTA_BYTES or EVIDENCE_QUOTA_FILES.
   */
  private async checkQuota(
    m: EntityManager,
    uscc: string,
    adding: { sha256: string; size: number } | undefined,
  ): Promise<void> {
    const held = await this.evidence.holdings(m, uscc, adding?.sha256);
    const already = held.holds;
    const files = held.files + (adding && !already ? 1 : 0);
    const bytes = held.bytes + (adding && !already ? adding.size : 0);
    // Before the body (no `adding`), a holder exactly at the quota has no room left.
    const over = (value: number, quota: number) => (adding ? value > quota : value >= quota);
    if (over(files, this.quotaFiles)) {
      throw quotaExceeded(
        `EVIDENCE_QUOTA_FILES: at most ${this.quotaFiles} evidence files per enterprise`,
      );
    }
    if (over(bytes, this.quotaBytes)) {
      throw quotaExceeded(
        `EVIDENCE_QUOTA_BYTES: at most ${this.quotaBytes} bytes of evidence per enterprise`,
      );
    }
  }

  /** The file for download; 404 unless the caller may read it (and for unknown hashes). */
  async open(
    caller: Caller,
    sha256: string,
  ): Promise<{ stream: Readable; size: number; contentType: string }> {
    const notFound = new NotFoundException(`evidence ${sha256} not found`);
    if (!SHA256.test(sha256)) throw notFound;
    const stored = await this.evidence.file(sha256);
    if (!stored || !(await this.mayRead(caller, sha256))) throw notFound;
    const path = this.pathOf(sha256);
    try {
      await stat(path);
    } catch {
      this.logger.error({ sha256 }, 'evidence file recorded but missing on disk');
      throw notFound;
    }
    return {
      stream: createReadStream(path),
      size: stored.size,
      contentType: stored.contentType,
    };
  }

  /** Of `hashes`, those the enterprise has not uploaded (it may cite only its own files). */
  async notUploadedBy(m: EntityManager, uscc: string, hashes: string[]): Promise<string[]> {
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return [];
    const owned = await this.evidence.uploadedBy(m, uscc, unique);
    return unique.filter((h) => !owned.has(h));
  }

  private async mayRead(caller: Caller, sha256: string): Promise<boolean> {
    if (caller.role === 'enterprise') {
      return (
        (await this.evidence.uploadedBy(this.db.manager, caller.uscc ?? '', [sha256])).size > 0
      );
    }
    if (caller.role === 'regulator') {
      const region = effectiveRegion(caller);
      if (region === null) return false;
      return this.evidence.citedWithin(sha256, region);
    }
    return false;
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}

function fileProblem(message: string): BadRequestException {
  return new BadRequestException({
    message: `invalid request: ${message}`,
    details: [{ field: 'file', message }],
  });
}

function quotaExceeded(quota: string): PayloadTooLargeException {
  return new PayloadTooLargeException(`evidence quota exceeded: ${quota}`);
}
