import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig, QueueName } from '@app/core';
import { importJobId, ImportJob, ImportJobData } from './import-jobs';
import { ImportRepository } from './import.repository';

/**
 * The API half of POST /imports: streams the body to a file under IMPORT_DIR
 * (never into memory), records the import and queues it for a worker. The
 * request returns as soon as the bytes are on disk; validation and writes
 * happen in the worker, which is where a multi-minute job belongs.
 */
@Injectable()
export class ImportSpooler {
  constructor(
    private readonly config: AppConfig,
    private readonly store: ImportRepository,
    @InjectQueue(QueueName.Import) private readonly queue: Queue<ImportJobData>,
  ) {}

  async submit(
    body: Readable,
    requestedBy: string,
    declaredLength?: number,
  ): Promise<{ id: number; status: 'queued' }> {
    const max = this.config.env.IMPORT_MAX_BYTES;
    if (declaredLength !== undefined && declaredLength > max) throw tooLarge(max);
    const dir = resolve(this.config.env.IMPORT_DIR);
    await mkdir(dir, { recursive: true });
    const name = `${randomUUID()}.ndjson`;
    const path = resolve(dir, name);
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        // A chunked body has no Content-Length to refuse up front; stop at the limit.
        done(bytes > max ? tooLarge(max) : null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(path, { flags: 'wx' }));
      if (bytes === 0) throw new BadRequestException('the import body is empty');
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    const id = await this.store.create({
      source: 'api',
      filePath: name,
      bytesTotal: bytes,
      requestedBy,
    });
    try {
      await this.queue.add(ImportJob.Run, { importId: id }, { jobId: importJobId(id) });
    } catch (err) {
      await this.store.fail(id, `could not queue the import: ${(err as Error).message}`);
      throw err;
    }
    return { id, status: 'queued' };
  }
}

function tooLarge(max: number) {
  return new PayloadTooLargeException(`an import body may hold at most ${max} bytes`);
}
