import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@app/core';
import { issueAccessToken, SigningKeys } from '@app/identity';
import { enterpriseBody, newUscc } from './support/fixtures';
import { IsolatedStack } from './support/isolated-stack';
import { eventually } from './support/test-worker';
import { WebhookReceiver } from './support/webhook-receiver';
import { applyTestEnvironment, testRunId } from './setup/test-environment';

/**
 * Issue 20: nothing is lost when Redis or a worker dies mid-delivery. The API
 * and two workers run as production starts them, on a database and a Redis
 * server of their own; mid-burst one worker is killed with SIGKILL, then Redis
 * is restarted empty (every queued delivery job lost). The deliveries table
 * is the truth: leases run out, the sweep queues the lanes again, and the
 * partner gets every event, in order per enterprise.
 */
const ENTERPRISES = 300;
const LISTINGS = 4;
const REGION = '330112';
const IMPORT_DIR = mkdtempSync(join(tmpdir(), 'crs-delivery-faults-'));

describe('partner delivery under faults (API and worker processes, own Redis)', () => {
  let stack: IsolatedStack;
  let api: { base: string };
  let token: string;
  const workers: ChildProcess[] = [];
  const receiver = () => WebhookReceiver.create();

  const call = async (method: string, path: string, body?: string, type = 'application/json') => {
    const res = await fetch(`${api.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  beforeAll(async () => {
    applyTestEnvironment();
    stack = await IsolatedStack.start(`crs_test_${testRunId()}_delivery_faults`, {
      PUBLIC_URL: 'http://crs.faults.test',
      IMPORT_DIR,
      QUEUE_LOCK_MS: '2000',
      DELIVERY_POLL_MS: '100',
      DELIVERY_LEASE_MS: '3000',
      DELIVERY_RETRY_BASE_MS: '100',
      DELIVERY_RETRY_MAX_MS: '1000',
      DELIVERY_BREAKER_OPEN_MS: '1000',
      DELIVERY_CONCURRENCY: '8',
    });
    const config = AppConfig.fromEnvironment({ ...process.env, ...stack.env });
    const keys = await SigningKeys.load(config);
    token = await issueAccessToken(config, keys, { sub: 'admin-faults', role: 'admin' });
    keys.onModuleDestroy();
    api = await stack.startApi();
    workers.push(await stack.startWorker(), await stack.startWorker());
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(IMPORT_DIR, { recursive: true, force: true });
  });

  it('loses nothing when a worker is killed with SIGKILL and Redis restarts empty mid-burst', async () => {
    const r = await receiver();
    r.delayMs = 25; // a partner answering in 25 ms: the burst lasts long enough to be interrupted
    try {
      const sub = await call('POST', '/api/v1/subscriptions', JSON.stringify({ url: r.url }));
      expect(sub.status).toBe(201);
      r.secret = sub.body.secret;
      const lines = Array.from({ length: ENTERPRISES }, () =>
        JSON.stringify({
          type: 'enterprise',
          uscc: newUscc(REGION),
          enterprise: enterpriseBody({ regionCode: REGION }),
          records: Array.from({ length: LISTINGS }, (_, i) => ({
            kind: 'ABNORMAL_LISTING',
            occurredOn: `2026-0${i + 1}-02`,
            reason: '通过登记的住所无法联系',
          })),
        }),
      );
      const started = await call(
        'POST',
        '/api/v1/imports',
        lines.join('\n'),
        'application/x-ndjson',
      );
      expect(started.status).toBe(202);
      const total = ENTERPRISES * LISTINGS;

      await eventually(
        async () => (r.accepted.size >= total * 0.15 ? true : undefined),
        120_000,
        20,
      );
      workers[0].kill('SIGKILL');
      await eventually(
        async () => (r.accepted.size >= total * 0.4 ? true : undefined),
        120_000,
        20,
      );
      stack.stopRedis();
      await new Promise((res) => setTimeout(res, 1000));
      stack.startRedis();
      const atRestart = r.accepted.size;
      expect(atRestart).toBeLessThan(total);

      await eventually(async () => (r.accepted.size >= total ? true : undefined), 180_000, 200);
      const rows: { event_id: string; uscc: string }[] = await stack.db.query(
        `SELECT p.event_id, e.uscc FROM partner_events p JOIN enterprises e ON e.id = p.enterprise_id
          ORDER BY p.id`,
      );
      expect(rows).toHaveLength(total);
      const perEnterprise = new Map<string, string[]>();
      for (const row of rows)
        perEnterprise.set(row.uscc, [...(perEnterprise.get(row.uscc) ?? []), row.event_id]);
      expect(new Set(r.accepted.keys())).toEqual(new Set(rows.map((x) => x.event_id)));
      expect(r.order).toEqual(perEnterprise);
      expect(r.refused).toBe(0);
      const [state] = await stack.db.query(
        `SELECT SUM(status = 'DELIVERED') AS delivered, SUM(status <> 'DELIVERED') AS other FROM deliveries`,
      );
      expect({ delivered: Number(state.delivered), other: Number(state.other) }).toEqual({
        delivered: total,
        other: 0,
      });
    } finally {
      await r.stop();
    }
  }, 400_000);
});
