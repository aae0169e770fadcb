/**
 * API load benchmark (issue 7): autocannon against GET /api/v1/enterprises/:uscc/risk
 * over a 1,000,000-enterprise database with current assessments, random USCCs,
 * 50 connections, 20 s, audit trail on, and in the same run the floor
 * (bench/api/floor-server.ts: node:http + the same JWT check + one indexed
 * query on a mysql2 pool). Both servers run side by side; after a warm-up each,
 * they take turns for a few rounds (this 2-core machine is shared, and a single
 * 20 s run moves by ±20%), and the medians are compared. Prints requests/s,
 * p50/p99, the CPU each server spent per request, and the ratio.
 *
 *   npx nest build && node --require ./bench/register.js bench/api/run.ts
 *
 * Options: --enterprises N (1000000) --seed S (42) --connections C (50) --duration D (20)
 *          --rounds R (3) --warmup S (10)
 *          --copy-from DB (fill crs_bench_api by copying enterprises and current
 *          assessments from another bench database instead of seeding; read only)
 *          --only ours|floor
 *          --bare (also run bench/api/bare-nest-server.ts: the framework alone)
 *          --profile (ours runs with --cpu-prof; where its time went is printed at the end)
 *          --processes P (1; issue 22: P processes of each server, each on its own port, as
 *          behind a load balancer, the connections split evenly among them; requests/s
 *          summed, p50/p99 the worst process's, CPU per request over all of them)
 */
import autocannon from 'autocannon';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { seedPopulation } from '../../apps/cli/src/commands/seed.command';
import {
  benchEnvironment,
  cpuSeconds,
  openDatabase,
  tuneServer,
  recreateDatabase,
} from '../support/bench-db';
import { benchToken, useBenchSecret } from '../support/bench-token';
import { summariseCpuProfiles } from '../support/cpu-profile';

const ROOT = join(__dirname, '..', '..');
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '10' },
    'copy-from': { type: 'string' },
    only: { type: 'string' },
    bare: { type: 'boolean', default: false },
    processes: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
  },
});
const PROCESSES = Number(values.processes);
const N = Number(values.enterprises);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  cpuMicrosPerRequest: number;
}

interface Target {
  label: string;
  /** One per process of this server (`--processes`), each on its own port. */
  procs: { base: string; child: ChildProcess }[];
}

async function ensurePopulation(config: AppConfig): Promise<DataSource> {
  let ds = await openDatabase(config);
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM enterprises');
  if (Number(n) >= N) return ds;
  await ds.destroy();
  ds = await recreateDatabase(config);
  const source = values['copy-from'];
  const started = Date.now();
  if (source) {
    if (!/^[A-Za-z0-9_]+$/.test(source)) throw new Error('--copy-from must be a database name');
    await ds.query(
      `INSERT INTO enterprises SELECT * FROM \`${source}\`.enterprises ORDER BY id LIMIT ?`,
      [N],
    );
    await ds.query(
      `INSERT INTO current_assessments SELECT c.* FROM \`${source}\`.current_assessments c
        JOIN enterprises e ON e.id = c.enterprise_id ORDER BY c.enterprise_id`,
    );
    console.log(`copied from ${source} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else {
    const s = await seedPopulation(ds, {
      enterprises: N,
      seed: Number(values.seed),
      asOf: '2026-06-30',
    });
    console.log(`seed: ${N.toLocaleString('en')} enterprises in ${s.toFixed(1)} s`);
  }
  return ds;
}

/**
 * Current assessments for enterprises that have none, shaped like the scorer's
 * (a handful of factors with record ids): a full reclassification of 1M takes
 * minutes and measures something else (bench/reclassify).
 */
async function fillAssessments(ds: DataSource): Promise<void> {
  const started = Date.now();
  const r = await ds.query(`
    INSERT INTO current_assessments (enterprise_id, region_code, tier, score, model_version, model_hash,
                                     as_of, next_review_on, fingerprint, factors, vetoes, assessed_at)
    SELECT e.id, e.region_code,
           ELT(1 + (e.id % 20 > 12) + (e.id % 20 > 17) + (e.id % 20 > 18), 'A', 'B', 'C', 'D'),
           600 + e.id % 300, 'samr-general-v1', SHA2('samr-general-v1', 256), '2026-06-30', NULL,
           SHA1(e.id),
           CONCAT('[{"code":"B1","points":-20},{"code":"B2","points":-10},{"code":"D1","points":20,"recordIds":[',
                  e.id * 3, ']},{"code":"S2","points":0,"recordIds":[', e.id * 3 + 1, ']}]'),
           '[]', NOW(3)
      FROM enterprises e LEFT JOIN current_assessments c ON c.enterprise_id = e.id
     WHERE c.enterprise_id IS NULL AND e.status <> 'CANCELLED'`);
  const added = r.affectedRows ?? r[1] ?? 0;
  if (added)
    console.log(
      `filled ${added} current assessments in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
}

async function startProcess(
  cmd: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  // Something already answering there would be measured instead of this server.
  if (await ready().catch(() => false)) {
    throw new Error(`port ${env.PORT} already answers: stop what listens there first`);
  }
  const child: ChildProcess =
    cmd[0] === 'fork'
      ? fork(cmd[1], {
          env,
          execArgv: ['--require', join(ROOT, 'bench/register.js')],
          stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        })
      : spawn(process.execPath, cmd, { env, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${cmd.join(' ')} exited with ${child.exitCode}`);
    if (await ready().catch(() => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${cmd.join(' ')} did not start`);
}

async function load(
  target: Target,
  token: string,
  usccs: string[],
  seconds: number,
): Promise<Figures> {
  const pick = () => usccs[Math.floor(Math.random() * usccs.length)];
  const cpu = () => target.procs.reduce((a, p) => a + cpuSeconds(p.child.pid!), 0);
  const cpuBefore = cpu();
  const connections = Math.max(1, Math.round(Number(values.connections) / target.procs.length));
  const rs = await Promise.all(
    target.procs.map((p) =>
      autocannon({
        url: p.base,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: `/api/v1/enterprises/${pick()}/risk` }),
          },
        ],
      }),
    ),
  );
  const used = cpu() - cpuBefore;
  const total = rs.reduce((a, r) => a + r.requests.total, 0);
  return {
    rps: rs.reduce((a, r) => a + r.requests.average, 0),
    p50: Math.max(...rs.map((r) => r.latency.p50)),
    p99: Math.max(...rs.map((r) => r.latency.p99)),
    non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
    errors: rs.reduce((a, r) => a + r.errors + r.timeouts, 0),
    cpuMicrosPerRequest: (used * 1e6) / Math.max(1, total),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js')))
    throw new Error('run `npx nest build` first');
  benchEnvironment('api');
  // Legacy HS256 tokens (JWT_SECRET), as the floor checks them.
  useBenchSecret();
  const config = AppConfig.fromEnvironment();
  console.log(`# API load benchmark — ${new Date().toISOString()}`);
  const ds = await ensurePopulation(config);
  console.log(await tuneServer(ds));
  await fillAssessments(ds);
  const [{ e, c }] = await ds.query(
    'SELECT (SELECT COUNT(*) FROM enterprises) AS e, (SELECT COUNT(*) FROM current_assessments) AS c',
  );
  const [{ p }] = await ds.query(
    'SELECT LEFT(region_code, 2) AS p FROM current_assessments GROUP BY p ORDER BY COUNT(*) DESC LIMIT 1',
  );
  const usccs: string[] = (
    await ds.query(
      `SELECT e.uscc FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
        WHERE c.region_code LIKE ? ORDER BY RAND() LIMIT 100000`,
      [`${p}%`],
    )
  ).map((r: { uscc: string }) => r.uscc);
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);
  const warmup = Number(values.warmup);
  console.log(
    `${Number(e).toLocaleString('en')} enterprises, ${Number(c).toLocaleString('en')} current assessments; ` +
      `${usccs.length.toLocaleString('en')} random USCCs of region ${p}; regulator token for ${p}; ` +
      `${values.connections} connections; ${warmup} s warm-up each, then ${rounds} round(s) of ` +
      `${duration} s per server, taking turns\n`,
  );
  const token = await benchToken(config, 'bench-regulator', { role: 'regulator', region: p });
  const env = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    JWT_ISSUER: config.env.JWT_ISSUER,
    OIDC_AUDIENCE: config.env.OIDC_AUDIENCE,
    OIDC_ISSUER: config.env.OIDC_ISSUER!,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // Out of reach, but in the path: every request is still counted.
    RATE_LIMIT: '1000000000',
  };
  const targets: Target[] = [];
  /** Starts `--processes` of one server on `port`, `port + 10`, … and adds it to the rounds. */
  const addTarget = async (label: string, cmd: string[], port: number) => {
    const procs: Target['procs'] = [];
    for (let i = 0; i < PROCESSES; i++) {
      const base = `http://127.0.0.1:${port + 10 * i}`;
      const ready = async () => (await fetch(`${base}/api/v1/enterprises/x/risk`)).status > 0;
      const child = await startProcess(cmd, { ...env, PORT: String(port + 10 * i) }, ready);
      procs.push({ base, child });
    }
    targets.push({ label: PROCESSES > 1 ? `${label} × ${PROCESSES}` : label, procs });
  };
  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), 'crs-api-prof-')) : null;
  if (values.only !== 'floor') {
    const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    await addTarget('ours (NestJS, audit on)', [...flags, 'dist/apps/api/src/main.js'], 3911);
  }
  if (values.bare) {
    await addTarget(
      'bare NestJS on Fastify (guard + query only)',
      ['fork', join(__dirname, 'bare-nest-server.ts')],
      3913,
    );
  }
  if (values.only !== 'ours') {
    await addTarget(
      'floor (node:http + jsonwebtoken + mysql2)',
      ['fork', join(__dirname, 'floor-server.ts')],
      3912,
    );
  }
  const [{ n0: auditBefore }] = await ds.query('SELECT COUNT(*) AS n0 FROM audit_log');
  const results = new Map<Target, Figures[]>(targets.map((t) => [t, []]));
  try {
    // JIT, pools and buffer pool pages: a server's steady state is what a province meets.
    for (const t of targets) await load(t, token, usccs, warmup);
    for (let round = 1; round <= rounds; round++) {
      for (const t of targets) {
        const f = await load(t, token, usccs, duration);
        results.get(t)!.push(f);
        console.log(
          `round ${round} ${t.label}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ` +
            `${f.cpuMicrosPerRequest.toFixed(0)} µs CPU/request, non-2xx ${f.non2xx}, errors ${f.errors}`,
        );
      }
    }
  } finally {
    for (const { child } of targets.flatMap((t) => t.procs)) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    }
  }
  if (values.only !== 'floor') {
    const [{ n1: auditAfter }] = await ds.query('SELECT COUNT(*) AS n1 FROM audit_log');
    console.log(
      `audit rows written (every request of ours, warm-up included): ` +
        `${(Number(auditAfter) - Number(auditBefore)).toLocaleString('en')}`,
    );
  }
  console.log(
    `\nmedian of ${rounds} round(s):\n\n| server | requests/s | p50 ms | p99 ms | CPU µs/request | non-2xx | errors |\n|---|---|---|---|---|---|---|`,
  );
  const medians = targets.map((t) => {
    const fs = results.get(t)!;
    const m = {
      rps: median(fs.map((f) => f.rps)),
      p50: median(fs.map((f) => f.p50)),
      p99: median(fs.map((f) => f.p99)),
      cpu: median(fs.map((f) => f.cpuMicrosPerRequest)),
      non2xx: fs.reduce((a, f) => a + f.non2xx, 0),
      errors: fs.reduce((a, f) => a + f.errors, 0),
    };
    console.log(
      `| ${t.label} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.cpu.toFixed(0)} | ${m.non2xx} | ${m.errors} |`,
    );
    return m;
  });
  const floor = targets.length - 1;
  for (let i = 0; i < floor && values.only === undefined; i++) {
    const perRound = results
      .get(targets[i])!
      .map((f, r) => `${((100 * f.rps) / results.get(targets[floor])![r].rps).toFixed(0)}%`);
    console.log(
      `\n${targets[i].label} / floor = ${((100 * medians[i].rps) / medians[floor].rps).toFixed(0)}% ` +
        `of requests/s (by round: ${perRound.join(', ')}); p99 ${medians[i].p99} ms = ` +
        `${(medians[i].p99 / medians[floor].p99).toFixed(2)}× the floor's`,
    );
  }
  if (values.only === undefined)
    console.log('targets for ours (issue 22): ≥ 85% of the floor, p99 ≤ 1.3× the floor’s');
  if (profileDir) console.log(`\nours: ${summariseCpuProfiles(profileDir, 25)}`);
  await ds.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
