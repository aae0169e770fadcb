/**
 * Re-score under write load (issue 22, target 5): registry writes at a steady
 * rate over random enterprises of the 1,000,000 of `bench/reclassify`, through
 * the API (a process of its own, audit on), re-scored by worker processes.
 * For every write: from its 201 to the moment its enterprise's current
 * assessment — what `GET /enterprises/:uscc/risk` reads — counts the new
 * record (a substantiated complaint, indicator R5, names its record id), found
 * by polling the database every 50 ms; the rescore queue's depth every second;
 * writes never seen re-scored within 30 s after the load are lost.
 *
 *   npx nest build
 *   node --require ./bench/register.js bench/reclassify/run.ts        # once: the population
 *   node --require ./bench/register.js bench/rescore/load.ts [--rate 1000] [--seconds 60] [--workers 2] [--profile]
 *
 * `--profile`: the API process runs with --cpu-prof; where its time went is printed.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { AppConfig, QueueName, redisOptions } from '@app/core';
import {
  benchEnvironment,
  cpuSeconds,
  mariadbPid,
  openDatabase,
  peakRssMb,
  tuneServer,
} from '../support/bench-db';
import { benchToken, useBenchSecret } from '../support/bench-token';
import { WorkerFleet } from '../support/bench-workers';
import { summariseCpuProfiles } from '../support/cpu-profile';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    workers: { type: 'string', default: '2' },
    port: { type: 'string', default: '3914' },
    profile: { type: 'boolean', default: false },
  },
});
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const ROOT = join(__dirname, '..', '..');
const POLL_MS = 50;

interface Write {
  enterpriseId: number;
  sentAt: number;
  ackedAt?: number;
  recordId?: number;
  seenAt?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], q: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] : NaN;

async function main() {
  benchEnvironment('reclassify');
  useBenchSecret();
  const config = AppConfig.fromEnvironment();
  const ds = await openDatabase(config);
  console.log(`# re-score under write load — ${new Date().toISOString()}`);
  console.log(await tuneServer(ds));
  const targets: { id: string | number; uscc: string }[] = await ds.query(
    `SELECT e.id, e.uscc FROM enterprises e JOIN current_assessments c ON c.enterprise_id = e.id
      WHERE e.status <> 'CANCELLED' ORDER BY RAND() LIMIT 200000`,
  );
  if (targets.length < 1000) throw new Error('run bench/reclassify/run.ts first: no population');

  const env = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    // Out of reach, but in the path: every request is still counted.
    RATE_LIMIT: '1000000000',
    PORT: values.port!,
  };
  const fleet = new WorkerFleet();
  await fleet.start(Number(values.workers), env);
  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), 'crs-load-prof-')) : null;
  const api = await startApi(env, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const base = `http://127.0.0.1:${values.port}/api/v1`;
  const admin = await benchToken(config, 'bench-admin', { role: 'admin' }, '2h');
  const headers = { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const queue = new Queue(QueueName.Rescore, {
    connection: redisOptions(config.env),
    prefix: config.env.REDIS_PREFIX,
  });

  const writes: Write[] = [];
  const failures: string[] = [];
  const write = async (w: Write, uscc: string) => {
    try {
      const res = await fetch(`${base}/enterprises/${uscc}/records`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ kind: 'COMPLAINT', occurredOn: today }),
      });
      const body = (await res.json()) as { id?: number | string };
      if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(body)}`);
      w.ackedAt = performance.now();
      w.recordId = Number(body.id);
    } catch (e) {
      failures.push((e as Error).message.slice(0, 200));
    }
  };

  // Visibility: the current assessments of enterprises with pending writes, every 50 ms.
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const pending = writes.filter((w) => w.recordId !== undefined && w.seenAt === undefined);
      if (pending.length) {
        const ids = [...new Set(pending.map((w) => w.enterpriseId))];
        const rows: { enterprise_id: string | number; factors: unknown }[] = await ds.query(
          'SELECT enterprise_id, factors FROM current_assessments WHERE enterprise_id IN (?)',
          [ids],
        );
        const now = performance.now();
        const counted = new Map<number, string>();
        for (const r of rows)
          counted.set(
            Number(r.enterprise_id),
            typeof r.factors === 'string' ? r.factors : JSON.stringify(r.factors),
          );
        for (const w of pending) {
          const f = counted.get(w.enterpriseId);
          if (f && new RegExp(`[\\[,]${w.recordId}[\\],]`).test(f)) w.seenAt = now;
        }
      }
      await sleep(POLL_MS);
    }
  })();

  // Queue depth once a second.
  const depth: number[] = [];
  const sampler = setInterval(() => {
    void queue
      .getJobCounts('waiting', 'prioritized', 'delayed')
      .then((c) => depth.push(c.waiting + c.prioritized + c.delayed));
  }, 1000);

  // Open loop: every 10 ms, the writes due by then, whatever answered.
  console.log(
    `${targets.length.toLocaleString('en')} random enterprises; ${RATE} writes/s for ${SECONDS} s; ` +
      `${values.workers} worker processes; API: one process, audit on, request logs at info\n`,
  );
  const processes = { API: api.pid!, workers: fleet.pids, MariaDB: mariadbPid() };
  const cpuBefore = cpuOf(processes);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  let issued = 0;
  while (performance.now() - start < SECONDS * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * RATE);
    for (; issued < due; issued++) {
      const t = targets[Math.floor(Math.random() * targets.length)];
      const w: Write = { enterpriseId: Number(t.id), sentAt: performance.now() };
      writes.push(w);
      inflight.push(write(w, t.uscc));
    }
    await sleep(10);
  }
  await Promise.all(inflight);
  const loadSeconds = (performance.now() - start) / 1000;
  const cpuAfter = cpuOf(processes);
  const acked = writes.filter((w) => w.recordId !== undefined);
  const until = performance.now() + 30_000;
  while (acked.some((w) => w.seenAt === undefined) && performance.now() < until) await sleep(100);
  polling = false;
  await poller;
  clearInterval(sampler);

  const visible = acked
    .filter((w) => w.seenAt !== undefined)
    .map((w) => w.seenAt! - w.ackedAt!)
    .sort((a, b) => a - b);
  const fromSend = acked
    .filter((w) => w.seenAt !== undefined)
    .map((w) => w.seenAt! - w.sentAt)
    .sort((a, b) => a - b);
  const ack = acked.map((w) => w.ackedAt! - w.sentAt).sort((a, b) => a - b);
  const lost = acked.length - visible.length;
  const third = Math.max(1, Math.floor(depth.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const firstThird = mean(depth.slice(0, third));
  const lastThird = mean(depth.slice(-third));
  const rss = fleet.peakRss().map((m) => `${m?.toFixed(0)} MB`);

  console.log('| measure | figure | target |\n|---|---|---|');
  console.log(
    `| writes | ${writes.length} sent in ${loadSeconds.toFixed(1)} s (${(writes.length / loadSeconds).toFixed(0)}/s), ` +
      `${acked.length} answered 201 (${(acked.length / loadSeconds).toFixed(0)}/s), ${failures.length} failed | ${RATE}/s for ${SECONDS} s |`,
  );
  console.log(
    `| write answered (ms) | p50 ${pct(ack, 0.5).toFixed(0)}, p95 ${pct(ack, 0.95).toFixed(0)}, p99 ${pct(ack, 0.99).toFixed(0)} | — |`,
  );
  console.log(
    `| 201 → new assessment visible (ms) | p50 ${pct(visible, 0.5).toFixed(0)}, **p95 ${pct(visible, 0.95).toFixed(0)}**, p99 ${pct(visible, 0.99).toFixed(0)}, max ${pct(visible, 1).toFixed(0)} | p95 ≤ 1000 |`,
  );
  console.log(
    `| request sent → visible (ms) | p50 ${pct(fromSend, 0.5).toFixed(0)}, p95 ${pct(fromSend, 0.95).toFixed(0)} | — |`,
  );
  console.log(`| writes never re-scored (30 s after the load) | ${lost} | 0 |`);
  console.log(
    `| rescore queue depth | first third mean ${firstThird.toFixed(0)}, last third ${lastThird.toFixed(0)}, max ${Math.max(0, ...depth)} | flat |`,
  );
  console.log(
    `| peak RSS | workers ${rss.join(', ')}; API ${peakRssMb(api.pid!)?.toFixed(0)} MB | ≤ 256 MB per worker |`,
  );
  const perWrite = (k: keyof typeof cpuAfter) =>
    `${(((cpuAfter[k] - cpuBefore[k]) * 1e6) / Math.max(1, acked.length)).toFixed(0)} µs`;
  console.log(
    `| CPU per answered write (until the last answer) | API ${perWrite('API')}, workers ${perWrite('workers')}, ` +
      `MariaDB ${perWrite('MariaDB')}; this machine has 2 cores for all of them and this client | — |`,
  );
  if (failures.length) console.log(`first failures: ${failures.slice(0, 3).join(' | ')}`);

  await queue.close();
  await new Promise((r) => {
    api.once('exit', r);
    api.kill('SIGTERM');
  });
  if (profileDir) console.log(`\nAPI process: ${summariseCpuProfiles(profileDir)}`);
  await fleet.stop();
  await ds.destroy();
}

/** CPU seconds (user + system) used so far by each group of processes, from /proc (Linux). */
function cpuOf(p: { API: number; workers: number[]; MariaDB: number | null }) {
  const cpu = (pid: number | null) => (pid ? cpuSeconds(pid) : 0);
  return {
    API: cpu(p.API),
    workers: p.workers.reduce((a, pid) => a + cpu(pid), 0),
    MariaDB: cpu(p.MariaDB),
  };
}

async function startApi(env: Record<string, string>, flags: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...flags, join(ROOT, 'dist/apps/api/src/main.js')], {
    env,
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (up) return child;
    await sleep(100);
  }
  throw new Error('the API did not start');
}

main().catch((e) => {
  console.error(`benchmark failed: ${e instanceof Error ? e.message.slice(0, 500) : String(e)}`);
  process.exit(1);
});
