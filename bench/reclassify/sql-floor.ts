import { DataSource } from 'typeorm';
import { insertRows } from '@app/core';
import { ASSESSMENT_HISTORY_COLUMNS, CURRENT_ASSESSMENT_COLUMNS } from '@app/risk';

/**
 * The SQL floor: the same input reads and the same number of assessment rows
 * written (history + current) as a full run, chunked and parallel the same
 * way, with no scoring and no queue. Our run divided by this is the overhead
 * of everything that is not the database. `readOnly`: the floor of a full run
 * over unchanged data — the same reads, the current assessments on file
 * included, and nothing written.
 */
export async function sqlFloor(
  ds: DataSource,
  chunkSize: number,
  parallel: number,
  factorsBytes: number,
  readOnly = false,
): Promise<{ seconds: number; rows: number }> {
  // As many bytes of factors per row as the run stored (its average), in valid JSON.
  const FACTORS = JSON.stringify([{ code: 'X', pad: 'x'.repeat(Math.max(0, factorsBytes - 24)) }]);
  const current = readOnly ? 'current_assessments' : 'floor_current';
  if (!readOnly) {
    await ds.query('DROP TABLE IF EXISTS floor_assessments');
    await ds.query('DROP TABLE IF EXISTS floor_current');
    await ds.query('CREATE TABLE floor_assessments LIKE assessments');
    await ds.query('CREATE TABLE floor_current LIKE current_assessments');
  }
  const started = Date.now();
  const ranges: [number, number][] = [];
  let after = 0;
  for (;;) {
    const [p] = await ds.query(
      `SELECT MIN(id) AS a, MAX(id) AS b, COUNT(*) AS n FROM (
         SELECT id FROM enterprises WHERE id > ? AND status <> 'CANCELLED' ORDER BY id LIMIT ?) x`,
      [after, chunkSize],
    );
    if (Number(p.n) === 0) break;
    ranges.push([Number(p.a), Number(p.b)]);
    after = Number(p.b);
  }
  let rows = 0;
  let next = 0;
  const now = new Date();
  const lane = async () => {
    while (next < ranges.length) {
      const [from, to] = ranges[next++];
      await ds.transaction('READ COMMITTED', async (m) => {
        const es = await m.query(
          `SELECT id, uscc, region_code, industry_code, type, registered_capital, established_on, status
             FROM enterprises e WHERE e.id BETWEEN ? AND ? AND e.status <> 'CANCELLED' ORDER BY id`,
          [from, to],
        );
        const ids = es.map((e: { id: number }) => e.id);
        await m.query(
          "SELECT * FROM credit_records WHERE enterprise_id IN (?) AND status = 'ACTIVE' ORDER BY enterprise_id, id",
          [ids],
        );
        await m.query(
          `SELECT DISTINCT mine.enterprise_id, r.enterprise_id, r.id, r.kind, r.occurred_on, r.status
             FROM enterprise_persons mine
             JOIN enterprise_persons theirs ON theirs.person_id = mine.person_id AND theirs.enterprise_id <> mine.enterprise_id
             JOIN credit_records r ON r.enterprise_id = theirs.enterprise_id
                  AND r.kind IN ('SERIOUS_DISHONESTY_LISTING', 'ABNORMAL_LISTING') AND r.status = 'ACTIVE'
            WHERE mine.enterprise_id IN (?)`,
          [ids],
        );
        await m.query(
          `SELECT enterprise_id, tier, fingerprint, next_review_on FROM ${current} WHERE enterprise_id IN (?)`,
          [ids],
        );
        if (readOnly) {
          rows += es.length;
          return;
        }
        // One constant assessment (tier … vetoes, then the time), as both tables store it.
        const stored = [
          'A',
          700,
          'floor',
          '0'.repeat(64),
          '2026-06-30',
          '2026-07-01',
          '0'.repeat(40),
          FACTORS,
          '[]',
          now,
        ];
        // Sent as the run sends its rows (insertRows: prepared statements of a fixed shape).
        await insertRows(
          m,
          'floor_assessments',
          ASSESSMENT_HISTORY_COLUMNS,
          es.map((e: { id: number }) => [e.id, 1, 'floor', ...stored]),
        );
        await insertRows(
          m,
          'floor_current',
          CURRENT_ASSESSMENT_COLUMNS,
          es.map((e: { id: number; region_code: string }) => [e.id, e.region_code, ...stored]),
          'ON DUPLICATE KEY UPDATE tier = VALUES(tier), score = VALUES(score), factors = VALUES(factors), assessed_at = VALUES(assessed_at)',
        );
        rows += es.length;
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  const seconds = (Date.now() - started) / 1000;
  if (!readOnly) await ds.query('DROP TABLE floor_assessments, floor_current');
  return { seconds, rows };
}
