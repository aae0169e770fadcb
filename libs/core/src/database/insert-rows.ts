import type { Connection, ExecuteValues } from 'mysql2';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * Placeholders in one prepared statement shape (the protocol allows 65,535):
 * 461 rows of an assessment's 13 columns. Groups of 250 and 500 such rows
 * measured alike, and both cheaper than one 2,000-row statement
 * (bench/database/insert-rows.ts, docs/performance.md).
 */
const PLACEHOLDERS_PER_STATEMENT = 6000;

export interface InsertResult {
  /** The id given to the first row (ids of a multi-row insert need not be consecutive: Galera). */
  insertId: number;
  affectedRows: number;
}

/**
 * `INSERT INTO <into> (<columns>) VALUES (…), (…) <suffix>` for any number of
 * rows, on the caller's transaction. Groups of K rows (K = 6,000 placeholders
 * / columns) go as one prepared statement of that fixed shape, which mysql2
 * keeps per connection: the binary protocol carries the values as they are
 * instead of escaping them into SQL text, and MariaDB parses the statement
 * once, not a ~1 MB text per insert: half the client's CPU and three quarters
 * of MariaDB's against one text INSERT of the same rows
 * (bench/database/insert-rows.ts). The rest (fewer than K rows; a single
 * write's one row) goes as a text `VALUES ?` statement, so a connection holds
 * at most one shape per statement (MariaDB's max_prepared_stmt_count counts
 * every connection's). Values are those mysql2 takes either way: strings,
 * numbers, Dates, Buffers, null (undefined is sent as NULL, as `format` does).
 */
export async function insertRows(
  m: EntityManager,
  into: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<InsertResult> {
  const head = `INSERT INTO ${into} (${columns.join(', ')}) VALUES`;
  const k = Math.max(1, Math.floor(PLACEHOLDERS_PER_STATEMENT / columns.length));
  const full = rows.length - (rows.length % k);
  const result: InsertResult = { insertId: 0, affectedRows: 0 };
  let statements = 0;
  const add = (r: InsertResult) => {
    if (statements++ === 0) result.insertId = Number(r.insertId);
    result.affectedRows += Number(r.affectedRows);
  };
  if (full > 0) {
    const shape = `(${columns.map(() => '?').join(', ')})`;
    const sql = `${head} ${Array.from({ length: k }, () => shape).join(', ')} ${suffix}`;
    await withConnection(m, async (connection) => {
      for (let i = 0; i < full; i += k) {
        const params: unknown[] = [];
        for (let r = i; r < i + k; r++) for (const v of rows[r]) params.push(v ?? null);
        add(await execute(connection, sql, params));
      }
    });
  }
  if (full < rows.length) add(await m.query(`${head} ? ${suffix}`, [rows.slice(full)]));
  return result;
}

/** The transaction's own connection, or one from the pool for the length of the work. */
async function withConnection<T>(m: EntityManager, work: (c: Connection) => Promise<T>) {
  const runner = m.queryRunner && !m.queryRunner.isReleased ? m.queryRunner : null;
  const own = runner ? null : m.dataSource.createQueryRunner();
  try {
    return await work((await (runner ?? own)!.connect()) as Connection);
  } finally {
    await own?.release();
  }
}

function execute(connection: Connection, sql: string, params: unknown[]) {
  return new Promise<InsertResult>((resolve, reject) =>
    connection.execute(sql, params as ExecuteValues[], (err, res) =>
      // As TypeORM reports a failed query, so callers read the driver's error alike.
      err ? reject(new QueryFailedError(sql, params, err)) : resolve(res as InsertResult),
    ),
  );
}
