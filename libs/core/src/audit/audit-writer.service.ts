import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { AuditEntry } from './audit-entry';

const COLUMNS =
  'at, actor_sub, actor_role, actor_region, action, resource, uscc, status_code, request_id, ip';

/**
 * Buffers audit entries in memory and writes them in multi-row INSERTs, every
 * AUDIT_FLUSH_MS or as soon as AUDIT_BATCH_SIZE are waiting, so an audited
 * read costs an array push instead of a database round trip. While MySQL is
 * unreachable entries stay buffered (up to AUDIT_MAX_BUFFERED, then the
 * oldest are dropped and counted in the log); shutdown flushes what is left.
 */
@Injectable()
export class AuditWriter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditWriter.name);
  private buffer: AuditEntry[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;
  private dropped = 0;
  private lastFailureLog = 0;
  private readonly flushMs: number;
  private readonly batchSize: number;
  private readonly maxBuffered: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.flushMs = config.env.AUDIT_FLUSH_MS;
    this.batchSize = config.env.AUDIT_BATCH_SIZE;
    this.maxBuffered = config.env.AUDIT_MAX_BUFFERED;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  add(entry: AuditEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length > this.maxBuffered) {
      this.dropped += this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, this.buffer.length - this.maxBuffered);
    }
    if (this.buffer.length >= this.batchSize) void this.flush();
  }

  /** Writes everything buffered; concurrent callers share the one flush in progress. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  get pending(): number {
    return this.buffer.length;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.batchSize);
      try {
        await this.db.query(`INSERT INTO audit_log (${COLUMNS}) VALUES ?`, [batch.map(toRow)]);
      } catch (err) {
        // Keep them for the next tick: the database may be back by then.
        this.buffer = batch.concat(this.buffer);
        this.logFailure(err);
        return;
      }
    }
    if (this.dropped > 0) {
      this.logger.error(`${this.dropped} audit entries were dropped while MySQL was unreachable`);
      this.dropped = 0;
    }
  }

  private logFailure(err: unknown): void {
    if (Date.now() - this.lastFailureLog < 10_000) return;
    this.lastFailureLog = Date.now();
    this.logger.warn(
      `could not write the audit trail (${(err as Error).message}); ${this.buffer.length} entries buffered`,
    );
  }
}

function toRow(e: AuditEntry): unknown[] {
  return [
    e.at,
    e.actorSub,
    e.actorRole,
    e.actorRegion,
    e.action,
    e.resource,
    e.uscc,
    e.statusCode,
    e.requestId,
    e.ip,
  ];
}
