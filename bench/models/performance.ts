/**
 * Model performance benchmark (issue 19): one year of inspection outcomes of
 * a synthetic population, measured for samr-general-v1 and
 * samr-general-v2-draft by a real worker process (dist/, `npx nest build`
 * first) through the models queue, as POST /models/:version/performance does.
 *
 *   node --require ./bench/register.js bench/models/performance.ts \
 *     [--enterprises 1000000] [--as-of 2026-06-30] [--skip-seed]
 *
 * Synthetic truth: each enterprise has a latent risk class (LOW, MEDIUM,
 * HIGH; libs/synth/src/generation-rates.ts), never stored, from which its
 * records and its inspections' results (PASS / PROBLEM / NOT_FOUND weights per
 * class) are drawn. The models only see the records; the outcomes of the
 * window are inspections the score as of the day before could not see.
 *
 * Targets: ≤ 30 s and ≤ 512 MB peak RSS in the worker per model.
 */
import { parseArgs } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { addDays, AppConfig, QueueName } from '@app/core';
import { MODELS_PERFORMANCE_JOB } from '@app/models';
import { seedPopulation } from '../../apps/cli/src/commands/seed.command';
import { benchEnvironment, openDatabase, tuneServer } from '../support/bench-db';
import { WorkerFleet } from '../support/bench-workers';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string', default: '2026-06-30' },
    'skip-seed': { type: 'boolean', default: false },
  },
});
const N = Number(values.enterprises);
const asOf = values['as-of']!;
const MODELS = ['samr-general-v1', 'samr-general-v2-draft'];
const TARGET_SECONDS = 30;
const TARGET_RSS_MB = 512;

const pct = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(3));

async function main() {
  benchEnvironment('models');
  const config = AppConfig.fromEnvironment();
  const ds = await openDatabase(config);
  console.log(`# model performance benchmark — ${new Date().toISOString()}`);
  console.log(await tuneServer(ds));
  const [{ n: present }] = await ds.query('SELECT COUNT(*) AS n FROM enterprises');
  if (!values['skip-seed'] && Number(present) !== N) {
    await ds.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const table of ['credit_records', 'enterprise_persons', 'persons', 'enterprises'])
      await ds.query(`DELETE FROM ${table}`);
    await ds.query('SET FOREIGN_KEY_CHECKS = 1');
    const s = await seedPopulation(ds, { enterprises: N, seed: Number(values.seed), asOf });
    console.log(`seed: ${N.toLocaleString('en')} enterprises in ${s.toFixed(1)} s`);
  }
  const window = { from: addDays(asOf, -364), to: asOf };
  const [outcomes] = await ds.query(
    `SELECT COUNT(DISTINCT enterprise_id) AS inspected, COUNT(*) AS inspections,
            SUM(result IN ('PROBLEM', 'NOT_FOUND')) AS problems
       FROM credit_records WHERE kind = 'INSPECTION' AND occurred_on BETWEEN ? AND ?`,
    [window.from, window.to],
  );
  console.log(
    `population ${Number(present || N).toLocaleString('en')}; outcome window ${window.from}..${window.to}: ` +
      `${Number(outcomes.inspections).toLocaleString('en')} inspections of ` +
      `${Number(outcomes.inspected).toLocaleString('en')} enterprises, ` +
      `${Number(outcomes.problems).toLocaleString('en')} PROBLEM/NOT_FOUND\n`,
  );

  const connection = { url: config.env.REDIS_URL };
  const queue = new Queue(QueueName.Models, { connection, prefix: config.env.REDIS_PREFIX });
  const events = new QueueEvents(QueueName.Models, { connection, prefix: config.env.REDIS_PREFIX });
  await events.waitUntilReady();
  const rows: string[] = [];
  for (const version of MODELS) {
    // A fresh worker per model, so each peak RSS is that model's computation alone.
    const fleet = new WorkerFleet();
    await fleet.start(1, process.env as Record<string, string>);
    const job = await queue.add(MODELS_PERFORMANCE_JOB, { version, ...window });
    await job.waitUntilFinished(events, 600_000);
    const done = (await queue.getJob(job.id!))!;
    const seconds = (done.finishedOn! - done.processedOn!) / 1000;
    const [rss] = fleet.peakRss();
    await fleet.stop();
    const [stored] = await ds.query(
      `SELECT result FROM model_performance WHERE model_version = ? AND region = ''
          AND window_from = ? AND window_to = ?`,
      [version, window.from, window.to],
    );
    const p = typeof stored.result === 'string' ? JSON.parse(stored.result) : stored.result;
    const d = p.discrimination;
    const rates = ['A', 'B', 'C', 'D']
      .map((t) => `${t} ${pct(p.byTier.byTier[t].rate)} (n=${p.byTier.byTier[t].inspected})`)
      .join(', ');
    console.log(`## ${version}`);
    console.log(
      `  ${seconds.toFixed(1)} s (target ≤ ${TARGET_SECONDS}: ${seconds <= TARGET_SECONDS ? 'met' : 'MISSED'}), ` +
        `worker peak RSS ${rss?.toFixed(0)} MB (target ≤ ${TARGET_RSS_MB}: ${rss !== null && rss <= TARGET_RSS_MB ? 'met' : 'MISSED'})`,
    );
    console.log(
      `  sample ${p.sample.enterprises.toLocaleString('en')} enterprises, ${p.sample.events.toLocaleString('en')} events; ` +
        `AUC ${pct(d.auc)} [${pct(d.aucLow)}, ${pct(d.aucHigh)}], KS ${pct(d.ks)}, Gini ${pct(d.gini)}`,
    );
    console.log(`  problem rate by tier as of ${p.asOf}: ${rates}; ordered ${p.byTier.ordered}\n`);
    rows.push(
      `| ${version} | ${seconds.toFixed(1)} | ${rss?.toFixed(0)} | ${p.sample.enterprises} | ${p.sample.events} | ${pct(d.auc)} [${pct(d.aucLow)}, ${pct(d.aucHigh)}] | ${pct(d.ks)} | ${pct(d.gini)} |`,
    );
  }
  console.log('| model | seconds | peak RSS MB | sample | events | AUC [95% CI] | KS | Gini |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  await events.close();
  await queue.close();
  await ds.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
