import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { writeSetProblem } from '../write-set';

/**
 * At a worker's start: on a Galera cluster, the chunk size must fit the
 * cluster's write-set limits, or every chunk would fail at commit. Refuses to
 * start, naming the setting; on a single server (or MySQL, which has no such
 * variables) there is nothing to check.
 */
@Injectable()
export class WriteSetCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(WriteSetCheck.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let row: { on: string | number; rows: string | number; bytes: string | number } | undefined;
    try {
      [row] = await this.db.query(
        'SELECT @@wsrep_on AS `on`, @@wsrep_max_ws_rows AS `rows`, @@wsrep_max_ws_size AS bytes',
      );
    } catch {
      return; // no wsrep variables: not a Galera server
    }
    if (!row || !(row.on === 1 || row.on === '1' || row.on === 'ON')) return;
    const problem = writeSetProblem(this.config.env.RECLASSIFY_CHUNK_SIZE, {
      maxRows: Number(row.rows),
      maxBytes: Number(row.bytes),
    });
    if (problem) throw new Error(problem);
    this.logger.log(
      {
        chunkSize: this.config.env.RECLASSIFY_CHUNK_SIZE,
        maxRows: Number(row.rows),
        maxBytes: Number(row.bytes),
      },
      'Galera cluster: chunks fit its write-set limits',
    );
  }
}
