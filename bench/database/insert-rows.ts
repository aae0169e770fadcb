/**
 * How many-row INSERTs are sent (issue 22): `insertRows` (groups of a fixed
 * shape as prepared statements, the rest as text) against one text
 * `INSERT … VALUES ?` of the same rows — the way every multi-row write went
 * before — on a copy of the `assessments` table (its indexes, no foreign
 * key), 2,000-row inserts as a full run's chunk writes them. Both take turns
 * for a few rounds; prints wall time, the client's and MariaDB's CPU, and the
 * ratios.
 *
 *   node --require ./bench/register.js bench/database/insert-rows.ts [--inserts 100] [--rounds 3]
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppConfig, insertRows } from '@app/core';
import { ASSESSMENT_HISTORY_COLUMNS } from '@app/risk';
import {
  benchEnvironment,
  cpuSeconds,
  mariadbPid,
  recreateDatabase,
  tuneServer,
} from '../support/bench-db';

const { values } = parseArgs({
  options: {
    inserts: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
  },
});
const INSERTS = Number(values.inserts);
const ROWS = 2000;
const COLUMNS = ASSESSMENT_HISTORY_COLUMNS;
// A stored factor list of the default model's usual size.
const FACTORS = JSON.stringify([
  { code: 'B1', points: -20 },
  { code: 'B2', points: -10 },
  { code: 'D1', points: 20, recordIds: [123456, 234567] },
  { code: 'S2', points: 0, recordIds: [345678] },
  { code: 'P3', points: -35, recordIds: [1, 2, 3, 4, 5] },
  { code: 'L1', points: 0 },
]);

function chunk(insert: number): unknown[][] {
  const now = new Date();
  return Array.from({ length: ROWS }, (_, i) => [
    insert * ROWS + i + 1,
    1,
    'run',
    'ABCD'[i % 4],
    600 + (i % 300),
    'samr-general-v1',
    'a'.repeat(64),
    '2026-06-30',
    i % 3 ? null : '2027-01-31',
    (insert * ROWS + i).toString(16).padStart(40, '0'),
    FACTORS,
    '[]',
    now,
  ]);
}

type Way = (ds: DataSource, rows: unknown[][]) => Promise<unknown>;
const WAYS: [string, Way][] = [
  [
    'one text INSERT … VALUES ?',
    (ds, rows) =>
      ds.transaction((m) => m.query(`INSERT INTO probe (${COLUMNS.join(', ')}) VALUES ?`, [rows])),
  ],
  ['insertRows', (ds, rows) => ds.transaction((m) => insertRows(m, 'probe', COLUMNS, rows))],
];

async function measure(ds: DataSource, way: Way) {
  await ds.query('TRUNCATE probe');
  const db = mariadbPid();
  const db0 = db ? cpuSeconds(db) : 0;
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < INSERTS; i++) await way(ds, chunk(i));
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    wall,
    client: (cpu.user + cpu.system) / 1e6,
    server: db ? cpuSeconds(db) - db0 : NaN,
  };
}

async function main() {
  benchEnvironment('insert');
  const ds = await recreateDatabase(AppConfig.fromEnvironment());
  console.log(`# insert benchmark — ${new Date().toISOString()}`);
  console.log(await tuneServer(ds));
  // LIKE copies the columns and indexes, not the foreign key (no enterprises needed).
  await ds.query('CREATE TABLE probe LIKE assessments');
  console.log(
    `${INSERTS} inserts of ${ROWS.toLocaleString('en')} rows (13 columns, ~${FACTORS.length} bytes of factors) per way and round, ` +
      `${values.rounds} rounds taking turns; the client's rows are built in both\n`,
  );
  const results = new Map<string, { wall: number; client: number; server: number }[]>();
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const [name, way] of WAYS) {
      const r = await measure(ds, way);
      results.set(name, [...(results.get(name) ?? []), r]);
      console.log(
        `round ${round} ${name}: ${r.wall.toFixed(2)} s, client CPU ${r.client.toFixed(2)} s, MariaDB CPU ${r.server.toFixed(2)} s`,
      );
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = (name: string, k: 'wall' | 'client' | 'server') =>
    median(results.get(name)!.map((r) => r[k]));
  const [text, ours] = WAYS.map(([name]) => name);
  console.log('\n| way | wall s | client CPU s | MariaDB CPU s |\n|---|---|---|---|');
  for (const name of [text, ours])
    console.log(
      `| ${name} | ${m(name, 'wall').toFixed(2)} | ${m(name, 'client').toFixed(2)} | ${m(name, 'server').toFixed(2)} |`,
    );
  console.log(
    `| insertRows / text | ${(m(ours, 'wall') / m(text, 'wall')).toFixed(2)} | ` +
      `${(m(ours, 'client') / m(text, 'client')).toFixed(2)} | ${(m(ours, 'server') / m(text, 'server')).toFixed(2)} |`,
  );
  await ds.destroy();
}

main().catch((e) => {
  console.error(`benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
