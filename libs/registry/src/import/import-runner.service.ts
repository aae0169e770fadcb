import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { isDataRefusal, isTransientDbError, refusalReason } from './database-errors';
import { RegistryWriter } from '../services/registry.writer';
import { ImportItem, ImportTally, ParsedLine, Rejection } from './import-item';
import { ImportLineParser } from './import-line-parser.service';
import { ImportRepository } from './import.repository';
import { ImportRow, ImportView } from './import.view';
import { LineBatch, ndjsonBatches } from './ndjson-batches';

export interface ImportProgress {
  importId: number;
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  accepted: number;
  rejected: number;
}

/** Where a resumable import stands: the checkpoint as last committed. */
interface Cursor {
  id: number;
  offset: number;
  rejected: number;
  lines: number;
  accepted: number;
}

const TRANSIENT_RETRIES = 3;
const PARSE_SLICE = 50;

/**
 * Runs one import from its checkpoint to the end of its file: batches of lines
 * are parsed, written, and checkpointed in one transaction each. The API's
 * worker job and the CLI both call `run`, so both behave identically.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ImportRepository,
    private readonly parser: ImportLineParser,
    private readonly writer: RegistryWriter,
    private readonly config: AppConfig,
  ) {}

  /** Spooled uploads live under IMPORT_DIR (relative names); CLI imports name their file. */
  filePath(row: Pick<ImportRow, 'file_path'>): string {
    return isAbsolute(row.file_path)
      ? row.file_path
      : resolve(this.config.env.IMPORT_DIR, row.file_path);
  }

  async run(id: number, onProgress?: (p: ImportProgress) => unknown): Promise<ImportView> {
    const row = await this.store.begin(id);
    if (row.status !== 'running') return this.store.get(id);
    const path = this.filePath(row);
    await stat(path).catch(() => {
      throw new Error(`import file ${path} not found (API and workers must share IMPORT_DIR)`);
    });
    const cursor: Cursor = {
      id,
      offset: Number(row.next_offset),
      rejected: row.rejected,
      lines: row.lines_read,
      accepted: row.accepted,
    };
    const bytesTotal = Number(row.bytes_total);
    const batches = ndjsonBatches(
      createReadStream(path, { start: cursor.offset, highWaterMark: 256 * 1024 }),
      {
        batchSize: this.config.env.IMPORT_BATCH_SIZE,
        startOffset: cursor.offset,
        firstLineNo: row.next_line,
      },
    );
    // Validation is CPU and writing is database time: the next batch is parsed
    // while the previous one commits. Commits stay strictly in order.
    let committing: Promise<void> = Promise.resolve();
    for await (const batch of batches) {
      const parsed = await this.parse(batch);
      await committing;
      committing = this.commit(cursor, parsed, batch).then(async () => {
        await onProgress?.({
          importId: id,
          bytesRead: cursor.offset,
          bytesTotal,
          lines: cursor.lines,
          accepted: cursor.accepted,
          rejected: cursor.rejected,
        });
      });
      // Awaited on the next turn; until then a failure must not count as unhandled.
      committing.catch(() => undefined);
    }
    await committing;
    await this.store.complete(id);
    // The spooled upload has served its purpose; a CLI user's own file is never touched.
    if (row.source === 'api') await rm(path, { force: true });
    this.logger.log(
      { importId: id, lines: cursor.lines, rejected: cursor.rejected },
      'import done',
    );
    return this.store.get(id);
  }

  /**
   * Validation is synchronous underneath; slices with a macrotask between
   * them let the in-flight commit's query results through meanwhile.
   */
  private async parse(batch: LineBatch): Promise<ParsedLine[]> {
    const parsed: ParsedLine[] = [];
    for (let i = 0; i < batch.lines.length; i += PARSE_SLICE) {
      const slice = batch.lines.slice(i, i + PARSE_SLICE);
      parsed.push(...(await Promise.all(slice.map((l) => this.parser.parse(l)))));
      await yieldToEventLoop();
    }
    return parsed;
  }

  /** The batch in one transaction; if the database refuses a value, line by line instead. */
  private async commit(cursor: Cursor, parsed: ParsedLine[], batch: LineBatch): Promise<void> {
    const items = parsed.flatMap((p) => ('item' in p ? [p.item] : []));
    const rejected = parsed.flatMap((p) => ('rejection' in p ? [p.rejection] : []));
    try {
      await this.writeAndCheckpoint(cursor, items, rejected, {
        offset: batch.end,
        line: batch.nextLineNo,
      });
    } catch (err) {
      if (!isDataRefusal(err)) throw err;
      this.logger.warn(
        { importId: cursor.id, err: refusalReason(err) },
        'batch refused; writing its lines one at a time',
      );
      await this.commitOneByOne(cursor, parsed, batch);
    }
  }

  /**
   * Each line in its own transaction, so the refused one is rejected with the
   * database's reason and its neighbours are written. The checkpoint moves
   * with every line, keeping a resumed import exact even here.
   */
  private async commitOneByOne(cursor: Cursor, parsed: ParsedLine[], batch: LineBatch) {
    let pending: Rejection[] = [];
    for (const p of parsed) {
      if ('rejection' in p) {
        pending.push(p.rejection);
        continue;
      }
      try {
        await this.writeAndCheckpoint(cursor, [p.item], pending, {
          offset: p.end,
          line: p.item.line + 1,
        });
        pending = [];
      } catch (err) {
        if (!isDataRefusal(err)) throw err;
        pending.push({ line: p.item.line, reason: refusalReason(err) });
      }
    }
    if (pending.length > 0 || cursor.offset !== batch.end)
      await this.writeAndCheckpoint(cursor, [], pending, {
        offset: batch.end,
        line: batch.nextLineNo,
      });
  }

  private async writeAndCheckpoint(
    cursor: Cursor,
    items: ImportItem[],
    rejected: Rejection[],
    to: { offset: number; line: number },
  ): Promise<void> {
    const tally = await this.withRetries(() =>
      this.db.transaction(async (m) => {
        const t = await this.writer.write(m, items);
        t.lines += rejected.length;
        t.rejected = [...rejected, ...t.rejected].sort((a, b) => a.line - b.line);
        await this.store.checkpoint(
          m,
          cursor.id,
          { offset: cursor.offset, rejectedBefore: cursor.rejected },
          to,
          t,
        );
        return t;
      }),
    );
    advance(cursor, tally, to.offset);
  }

  /** Deadlocks and lost connections say nothing about the data: try the same work again. */
  private async withRetries<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (!isTransientDbError(err) || attempt >= TRANSIENT_RETRIES) throw err;
        await sleep(100 * 4 ** attempt);
      }
    }
  }
}

function advance(cursor: Cursor, t: ImportTally, offset: number): void {
  cursor.offset = offset;
  cursor.lines += t.lines;
  cursor.accepted += t.accepted;
  cursor.rejected += t.rejected.length;
}
