import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, migrate, SystemClock } from '@app/core';
import { generatePopulation, writePopulationBatch } from '@app/synth';
import { CliError, parseOptions } from '../args';

export const seedHelp = `seed [--enterprises 100000] [--seed 42] [--as-of YYYY-MM-DD] [--reset]
  Writes a deterministic synthetic population (enterprises, records of every kind, persons and links)
  with multi-row inserts. Refuses a non-empty registry unless --reset (which deletes everything first).
  Enterprises are re-scored by the next reclassification run (npm run reclassify -- --mode full).`;

/** Tables in delete order (children first). */
const TABLES = [
  'current_assessments',
  'assessments',
  'enterprise_persons',
  'persons',
  'credit_records',
  'enterprises',
];

export async function seedCommand(argv: string[]): Promise<void> {
  const { values } = parseOptions(argv, {
    enterprises: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string' },
    reset: { type: 'boolean', default: false },
  });
  const n = Number(values.enterprises);
  const seed = Number(values.seed);
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000)
    throw new CliError('--enterprises must be 1 to 50,000,000');
  if (!Number.isSafeInteger(seed)) throw new CliError('--seed must be an integer');
  const clock = new SystemClock();
  const asOf = values['as-of'] ?? clock.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliError('--as-of must be YYYY-MM-DD');

  const config = AppConfig.fromEnvironment();
  await migrate(config);
  const db = new DataSource(dataSourceOptions(config));
  await db.initialize();
  try {
    const [{ existing }] = await db.query('SELECT COUNT(*) AS existing FROM enterprises');
    if (Number(existing) > 0 && !values.reset) {
      throw new CliError(
        `the registry already holds ${existing} enterprises; add --reset to replace them`,
      );
    }
    if (values.reset) await reset(db);
    const seconds = await seedPopulation(db, { enterprises: n, seed, asOf });
    console.log(
      `seeded ${n.toLocaleString('en')} enterprises (seed ${seed}, as of ${asOf}) in ${seconds.toFixed(1)} s`,
    );
  } finally {
    await db.destroy();
  }
}

async function reset(db: DataSource): Promise<void> {
  await db.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const t of TABLES) await db.query(`DELETE FROM ${t}`);
  await db.query('SET FOREIGN_KEY_CHECKS = 1');
}

/**
 * Generates and writes the population; the next batch is generated while the
 * previous one is being written, so CPU and database overlap.
 */
export async function seedPopulation(
  db: DataSource,
  opts: { enterprises: number; seed: number; asOf: string },
  progress = process.stderr.isTTY,
): Promise<number> {
  const started = Date.now();
  const bar = progress
    ? new SingleBar({
        format: 'seeding [{bar}] {percentage}% {value}/{total} enterprises | {eta}s left',
      })
    : null;
  bar?.start(opts.enterprises, 0);
  const now = new Date();
  let pending: Promise<void> = Promise.resolve();
  let written = 0;
  for (const batch of generatePopulation(opts)) {
    await pending;
    pending = db
      .transaction((m) => writePopulationBatch((sql, params) => m.query(sql, params), batch, now))
      .then(() => {
        written += batch.enterprises.length;
        bar?.update(written);
      });
  }
  await pending;
  bar?.stop();
  return (Date.now() - started) / 1000;
}
