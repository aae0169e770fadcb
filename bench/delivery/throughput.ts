/**
 * Partner delivery benchmark (issue 20): events written to the outbox
 * (`partner_events`, committed in transactions as the registry writes them),
 * relayed, queued, signed (Standard Webhooks) and POSTed by real worker
 * processes (dist/, `npx nest build` first) to a local receiver that verifies
 * every signature with the `standardwebhooks` library, as a partner would.
 *
 *   node --require ./bench/register.js bench/delivery/throughput.ts \
 *     [--events 100000] [--per-enterprise 2] [--workers 2] [--rate 500] [--seconds 20]
 *
 * 1. Throughput: `--events` committed at once (5,000 per transaction); events
 *    per second from the first commit to the last receipt. Target ≥ 2,000/s
 *    with 2 workers.
 * 2. Latency: `--rate` events per second for `--seconds`, committed 50 ms
 *    apart; p50/p95/p99 from each event's commit to its receipt. Target p99 ≤ 2 s.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { AppConfig } from '@app/core';
import { benchEnvironment, peakRssMb, tuneServer, recreateDatabase } from '../support/bench-db';
import { WorkerFleet } from '../support/bench-workers';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    'per-enterprise': { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
  },
});
const EVENTS = Number(values.events);
const PER_ENTERPRISE = Number(values['per-enterprise']);
const WORKERS = Number(values.workers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const TARGET_RATE = 2000;
const TARGET_P99_MS = 2000;
const SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;

const committedAt = new Map<string, number>();
const receivedAt = new Map<string, number>();
let refused = 0;
let duplicates = 0;

function startReceiver(): Promise<number> {
  const wh = new Webhook(SECRET);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const e = wh.verify(Buffer.concat(chunks), req.headers as Record<string, string>) as {
          id: string;
        };
        if (receivedAt.has(e.id)) duplicates++;
        else receivedAt.set(e.id, Date.now());
        res.writeHead(200).end();
      } catch {
        refused++;
        res.writeHead(401).end();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

let enterpriseSeq = 0;
/** One transaction of `n` events, as a registry write commits them; their commit time recorded. */
async function commitEvents(ds: DataSource, n: number): Promise<void> {
  const rows: unknown[][] = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % PER_ENTERPRISE === 0) enterpriseSeq++;
    const id = `evt_${randomUUID()}`;
    ids.push(id);
    const payload = {
      id,
      type: 'serious-list.added',
      occurredAt: new Date().toISOString(),
      enterprise: {
        uscc: `BENCH${String(enterpriseSeq).padStart(13, '0')}`,
        name: '基准企业',
        regionCode: '330106',
      },
      record: {
        id: enterpriseSeq * 10 + (i % PER_ENTERPRISE),
        kind: 'SERIOUS_DISHONESTY_LISTING',
        occurredOn: '2026-05-01',
        documentNo: '严〔2026〕1号',
        reason: '提交虚假材料',
      },
      authority: { region: '330106', name: '浙江省杭州市西湖区市场监督管理局' },
    };
    rows.push([
      id,
      payload.type,
      enterpriseSeq,
      '330106',
      payload.record.id,
      JSON.stringify(payload),
      new Date(),
    ]);
  }
  await ds.query(
    `INSERT INTO partner_events (event_id, type, enterprise_id, region_code, record_id, payload, occurred_at) VALUES ?`,
    [rows],
  );
  const now = Date.now();
  for (const id of ids) committedAt.set(id, now);
}

async function waitFor(ids: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (receivedAt.size < ids) {
    if (Date.now() > deadline)
      throw new Error(`only ${receivedAt.size} of ${ids} received in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  benchEnvironment('delivery');
  const config = AppConfig.fromEnvironment();
  const ds = await recreateDatabase(config);
  console.log(`# partner delivery benchmark — ${new Date().toISOString()}`);
  console.log(await tuneServer(ds));
  const port = await startReceiver();
  await ds.query(
    `INSERT INTO subscriptions (url, secret, created_by, created_at) VALUES (?, ?, 'bench', NOW(3))`,
    [`http://127.0.0.1:${port}/hooks`, SECRET],
  );
  const fleet = new WorkerFleet();
  await fleet.start(WORKERS, {
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_PREFIX: process.env.REDIS_PREFIX!,
  });
  console.log(
    `${WORKERS} worker process(es), ${EVENTS.toLocaleString('en')} events, ${PER_ENTERPRISE} per enterprise, receiver verifying signatures`,
  );

  // 1. Throughput.
  const start = Date.now();
  for (let done = 0; done < EVENTS; done += 5000)
    await commitEvents(ds, Math.min(5000, EVENTS - done));
  const committed = Date.now();
  await waitFor(EVENTS, 600_000);
  const seconds = (Date.now() - start) / 1000;
  const rate = EVENTS / seconds;
  console.log(
    `throughput: ${EVENTS.toLocaleString('en')} events in ${seconds.toFixed(2)} s (committed in ${((committed - start) / 1000).toFixed(2)} s) = ${Math.round(rate).toLocaleString('en')} events/s; target ≥ ${TARGET_RATE}/s: ratio ${(rate / TARGET_RATE).toFixed(2)}; refused ${refused}, repeats ${duplicates}`,
  );

  // 2. Latency at a steady rate.
  committedAt.clear();
  receivedAt.clear();
  const batch = Math.max(1, Math.round(RATE / 20));
  const ticks = SECONDS * 20;
  const t0 = Date.now();
  for (let i = 0; i < ticks; i++) {
    await commitEvents(ds, batch);
    const next = t0 + (i + 1) * 50;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await waitFor(batch * ticks, 120_000);
  const latencies = [...committedAt]
    .map(([id, at]) => receivedAt.get(id)! - at)
    .sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
  console.log(
    `latency at ${batch * 20} events/s for ${SECONDS} s (${latencies.length} events): p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, max ${latencies[latencies.length - 1]} ms; target p99 ≤ ${TARGET_P99_MS} ms: ratio ${(p99 / TARGET_P99_MS).toFixed(2)}`,
  );
  console.log(
    `worker peak RSS: ${fleet
      .peakRss()
      .map((m) => (m === null ? '—' : `${Math.round(m)} MB`))
      .join(', ')}; bench process ${Math.round(peakRssMb(process.pid) ?? 0)} MB`,
  );
  await fleet.stop();
  await ds.destroy();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
