/**
 * Nightly reclassification benchmark (issue 4): seeds N enterprises, runs a
 * full reclassification with 1 and 2 worker processes, measures the SQL floor
 * in the same run, then an incremental run after changing 0.5% of enterprises.
 *
 *   npx nest build && node --require ./bench/register.js bench/reclassify/run.ts --enterprises 1000000
 *
 * Options: --enterprises N (1000000) --seed S (42) --as-of D (2026-06-30) --workers 1,2
 *          --concurrency C (2, jobs per worker) --chunk K (2000) --skip-seed (reuse the bench database)
 */
import { parseArgs } from 'node:util';
import { AppConfig } from '@app/core';
import { seedPopulation } from '../../apps/cli/src/commands/seed.command';
import {
  benchEnvironment,
  openDatabase,
  peakRssMb,
  raiseBufferPool,
  recreateDatabase,
} from '../support/bench-db';
import { WorkerFleet } from '../support/bench-workers';
import { RunClient } from '../support/run-client';
import { sqlFloor } from './sql-floor';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string', default: '2026-06-30' },
    workers: { type: 'string', default: '1,2' },
    concurrency: { type: 'string', default: '2' },
    chunk: { type: 'string', default: '2000' },
    'skip-seed': { type: 'boolean', default: false },
  },
});
const N = Number(values.enterprises);
const asOf = values['as-of']!;
const workerCounts = values.workers!.split(',').map(Number);

async function main() {
  benchEnvironment('reclassify');
  process.env.RECLASSIFY_CHUNK_SIZE = values.chunk;
  process.env.WORKER_CONCURRENCY = values.concurrency;
  const config = AppConfig.fromEnvironment();
  const ds = values['skip-seed'] ? await openDatabase(config) : await recreateDatabase(config);
  console.log(`# reclassification benchmark — ${new Date().toISOString()}`);
  console.log(await raiseBufferPool(ds));
  if (!values['skip-seed']) {
    const s = await seedPopulation(ds, { enterprises: N, seed: Number(values.seed), asOf });
    console.log(`seed: ${N.toLocaleString('en')} enterprises in ${s.toFixed(1)} s`);
  }
  const [{ n: classifiable }] = await ds.query(
    "SELECT COUNT(*) AS n FROM enterprises WHERE status <> 'CANCELLED'",
  );
  console.log(
    `classifiable enterprises: ${Number(classifiable).toLocaleString('en')}; chunk ${values.chunk}, ${values.concurrency} jobs per worker\n`,
  );

  const client = await RunClient.open();
  const results: { label: string; seconds: number; rate: number; rss: string }[] = [];
  for (const w of workerCounts) {
    // Every full run starts from no assessments, so each writes the same rows.
    await ds.query('DELETE FROM current_assessments');
    await ds.query('DELETE FROM assessments');
    const fleet = new WorkerFleet();
    await fleet.start(w, process.env as Record<string, string>);
    const { run, seconds } = await client.runToEnd({ mode: 'full', asOf });
    const rss = fleet
      .peakRss()
      .map((m) => `${m?.toFixed(0)} MB`)
      .join(', ');
    await fleet.stop();
    if (run.status !== 'completed') throw new Error(`run ${run.id} ${run.status}: ${run.error}`);
    results.push({ label: `full, ${w} worker(s)`, seconds, rate: run.processed / seconds, rss });
    console.log(
      `full run, ${w} worker(s): ${seconds.toFixed(1)} s, ${(run.processed / seconds).toFixed(0)} enterprises/s, changed ${run.changed}, peak worker RSS ${rss}`,
    );
    console.log(`  byTier ${JSON.stringify(run.byTier)}`);
  }

  const parallel = Math.max(...workerCounts) * Number(values.concurrency);
  const [{ bytes }] = await ds.query(
    'SELECT AVG(LENGTH(factors)) AS bytes FROM current_assessments',
  );
  const floor = await sqlFloor(ds, Number(values.chunk), parallel, Math.round(Number(bytes)));
  console.log(
    `SQL floor (${parallel} connections, same reads, same rows written, no scoring): ${floor.seconds.toFixed(1)} s for ${floor.rows} rows`,
  );

  // Incremental: 0.5% of enterprises get a new complaint after the last full run.
  const changedCount = Math.round(N * 0.005);
  const fleet = new WorkerFleet();
  await fleet.start(Math.max(...workerCounts), process.env as Record<string, string>);
  await new Promise((r) => setTimeout(r, 1000));
  await ds.query(
    `INSERT INTO credit_records (enterprise_id, kind, occurred_on, status, authority_region)
     SELECT id, 'COMPLAINT', ?, 'ACTIVE', region_code FROM enterprises WHERE MOD(id * 7919, 200) = 0 LIMIT ?`,
    [asOf, changedCount],
  );
  await ds.query('UPDATE enterprises SET inputs_changed_at = NOW(3) WHERE MOD(id * 7919, 200) = 0');
  const inc = await client.runToEnd({ mode: 'incremental', asOf });
  await fleet.stop();
  console.log(
    `incremental after changing ${changedCount} enterprises (0.5%): ${inc.seconds.toFixed(1)} s, ${inc.run.total} re-scored, ${inc.run.changed} changed`,
  );

  const best = results[results.length - 1];
  console.log('\n| measure | figure | target |\n|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.label} | ${r.seconds.toFixed(1)} s, ${r.rate.toFixed(0)}/s, peak RSS ${r.rss} | ≤ 120 s (2 workers) |`,
    );
  console.log(`| SQL floor | ${floor.seconds.toFixed(1)} s | — |`);
  console.log(
    `| ratio ours (${best.label}) / floor | ${(best.seconds / floor.seconds).toFixed(2)} | ≤ 2.0 |`,
  );
  console.log(`| incremental (0.5%) | ${inc.seconds.toFixed(1)} s | ≤ 15 s |`);
  console.log(`| bench process peak RSS | ${peakRssMb(process.pid)?.toFixed(0)} MB | — |`);
  await client.close();
  await ds.destroy();
}

main().catch((e) => {
  console.error(`benchmark failed: ${e instanceof Error ? e.message.slice(0, 500) : String(e)}`);
  process.exit(1);
});
