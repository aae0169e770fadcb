/**
 * Nightly reclassification benchmark (issue 4): seeds N enterprises, runs a
 * full reclassification with 1 and 2 worker processes, measures the SQL floor
 * in the same run, then incremental runs after changing 0.05%, 0.5% and 5% of
 * enterprises, each against its target (issue 22): at most
 * (1 s + changed / the full run's enterprises per second) × 1.5.
 *
 *   npx nest build && node --require ./bench/register.js bench/reclassify/run.ts --enterprises 1000000
 *
 * Options: --enterprises N (1000000) --seed S (42) --as-of D (2026-06-30) --workers 1,2
 *          --concurrency C (2, jobs per worker) --chunk K (2000) --skip-seed (reuse the bench database)
 *          --changes 0.0005,0.005,0.05 (shares changed before each incremental run)
 *          --incremental-only (with --skip-seed: only the incremental runs, against the
 *          rate of the last full run stored in the bench database)
 *          --profile (the full runs' workers with --cpu-prof: where their time went)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppConfig } from '@app/core';
import { seedPopulation } from '../../apps/cli/src/commands/seed.command';
import {
  benchEnvironment,
  openDatabase,
  peakRssMb,
  tuneServer,
  recreateDatabase,
} from '../support/bench-db';
import { WorkerFleet } from '../support/bench-workers';
import { summariseCpuProfiles } from '../support/cpu-profile';
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
    changes: { type: 'string', default: '0.0005,0.005,0.05' },
    'incremental-only': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
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
  console.log(await tuneServer(ds));
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
  const incrementalOnly = values['incremental-only'] && values['skip-seed'];
  for (const w of incrementalOnly ? [] : workerCounts) {
    // Every full run starts from no assessments, so each writes the same rows.
    // TRUNCATE, not DELETE: purging a million deleted rows would run alongside the run.
    await ds.query('TRUNCATE TABLE current_assessments');
    await ds.query('TRUNCATE TABLE assessments');
    const fleet = new WorkerFleet();
    const profileDir = values.profile ? mkdtempSync(join(tmpdir(), 'crs-reclassify-prof-')) : null;
    const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    await fleet.start(w, process.env as Record<string, string>, flags);
    const { run, seconds } = await client.runToEnd({ mode: 'full', asOf });
    // Peak RSS after the run's follow-up (drift, model performance at 1 M) too.
    await client.settle();
    const rss = fleet
      .peakRss()
      .map((m) => `${m?.toFixed(0)} MB`)
      .join(', ');
    await fleet.stop();
    if (profileDir) console.log(summariseCpuProfiles(profileDir));
    if (run.status !== 'completed') throw new Error(`run ${run.id} ${run.status}: ${run.error}`);
    results.push({ label: `full, ${w} worker(s)`, seconds, rate: run.processed / seconds, rss });
    console.log(
      `full run, ${w} worker(s): ${seconds.toFixed(1)} s, ${(run.processed / seconds).toFixed(0)} enterprises/s, changed ${run.changed}, peak worker RSS ${rss}`,
    );
    console.log(`  byTier ${JSON.stringify(run.byTier)}`);
  }

  const parallel = Math.max(...workerCounts) * Number(values.concurrency);
  let floor: { seconds: number; rows: number } | null = null;
  if (incrementalOnly) {
    results.push(await lastFullRun(ds));
    console.log(`last full run stored: ${results[0].rate.toFixed(0)} enterprises/s`);
  } else {
    const [{ bytes }] = await ds.query(
      'SELECT AVG(LENGTH(factors)) AS bytes FROM current_assessments',
    );
    floor = await sqlFloor(ds, Number(values.chunk), parallel, Math.round(Number(bytes)));
    console.log(
      `SQL floor (${parallel} connections, same reads, same rows written, no scoring): ${floor.seconds.toFixed(1)} s for ${floor.rows} rows`,
    );
  }

  // Incremental: a share of enterprises gets a new complaint after the last run, for each share.
  const best = results[results.length - 1];
  const shares = values.changes!.split(',').map(Number);
  const fleet = new WorkerFleet();
  await fleet.start(Math.max(...workerCounts), process.env as Record<string, string>);
  await new Promise((r) => setTimeout(r, 1000));
  const incremental: { share: number; changed: number; seconds: number; target: number }[] = [];
  for (const [k, share] of shares.entries()) {
    // A different, deterministic selection each time: ids whose hash falls in slot k.
    const every = Math.round(1 / share);
    const pick = `MOD(id * 7919 + ${k * 104729}, ${every}) = 0`;
    const [{ n }] = await ds.query(
      `SELECT COUNT(*) AS n FROM enterprises WHERE ${pick} AND status <> 'CANCELLED'`,
    );
    await ds.query(
      `INSERT INTO credit_records (enterprise_id, kind, occurred_on, status, authority_region)
       SELECT id, 'COMPLAINT', ?, 'ACTIVE', region_code FROM enterprises WHERE ${pick}`,
      [asOf],
    );
    await ds.query(`UPDATE enterprises SET inputs_changed_at = NOW(3) WHERE ${pick}`);
    // The previous run's follow-up (drift, model performance) is not this run's cost.
    await client.settle();
    const inc = await client.runToEnd({ mode: 'incremental', asOf });
    if (inc.run.status !== 'completed') throw new Error(`incremental run ${inc.run.status}`);
    const changed = Number(n);
    const target = (1 + changed / best.rate) * 1.5;
    incremental.push({ share, changed, seconds: inc.seconds, target });
    console.log(
      `incremental after changing ${changed} enterprises (${share * 100}%): ${inc.seconds.toFixed(2)} s, ` +
        `${inc.run.total} re-scored, ${inc.run.changed} changed; target ≤ ${target.toFixed(2)} s`,
    );
  }
  await fleet.stop();
  // Least-squares fit seconds = fixed + perEnterprise × changed.
  const mx = incremental.reduce((a, p) => a + p.changed, 0) / incremental.length;
  const my = incremental.reduce((a, p) => a + p.seconds, 0) / incremental.length;
  const slope =
    incremental.reduce((a, p) => a + (p.changed - mx) * (p.seconds - my), 0) /
    incremental.reduce((a, p) => a + (p.changed - mx) ** 2, 0);
  console.log(
    `incremental fit: ${(my - slope * mx).toFixed(2)} s fixed + ${(slope * 1e6).toFixed(1)} µs per changed enterprise ` +
      `(full run: ${(1e6 / best.rate).toFixed(1)} µs per enterprise)`,
  );

  console.log('\n| measure | figure | target |\n|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.label} | ${r.seconds.toFixed(1)} s, ${r.rate.toFixed(0)}/s, peak RSS ${r.rss} | ≤ 120 s (2 workers) |`,
    );
  if (floor) {
    console.log(`| SQL floor | ${floor.seconds.toFixed(1)} s | — |`);
    console.log(
      `| ratio ours (${best.label}) / floor | ${(best.seconds / floor.seconds).toFixed(2)} | ≤ 1.1 |`,
    );
  }
  for (const p of incremental)
    console.log(
      `| incremental (${p.share * 100}%, ${p.changed} changed) | ${p.seconds.toFixed(2)} s | ≤ ${p.target.toFixed(2)} s${p.share === 0.005 ? ', and ≤ 2 s' : ''} |`,
    );
  console.log(`| bench process peak RSS | ${peakRssMb(process.pid)?.toFixed(0)} MB | — |`);
  await client.close();
  await ds.destroy();
}

/** The rate of the last completed full run in the bench database (`--incremental-only`). */
async function lastFullRun(ds: Awaited<ReturnType<typeof openDatabase>>) {
  const [row] = await ds.query(
    `SELECT processed, TIMESTAMPDIFF(MICROSECOND, created_at, finished_at) / 1e6 AS seconds
       FROM reclassification_runs WHERE mode = 'full' AND status = 'completed' AND region = ''
      ORDER BY id DESC LIMIT 1`,
  );
  if (!row) throw new Error('--incremental-only needs a completed full run in the bench database');
  const seconds = Number(row.seconds);
  return { label: 'last full run', seconds, rate: Number(row.processed) / seconds, rss: '—' };
}

main().catch((e) => {
  console.error(`benchmark failed: ${e instanceof Error ? e.message.slice(0, 500) : String(e)}`);
  process.exit(1);
});
