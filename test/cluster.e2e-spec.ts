import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, migrate } from '@app/core';
import { issueAccessToken, SigningKeys } from '@app/identity';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { seedPopulation } from '../apps/cli/src/commands/seed.command';
import { newUscc } from './support/fixtures';
import { IsolatedStack } from './support/isolated-stack';
import { createTestApp, TestApp } from './support/test-app';
import { LocalCluster, SENTINEL_NAME } from './support/local-cluster';
import { applyTestEnvironment, testRunId } from './setup/test-environment';

/**
 * Issue 21: the service on a 3-node MariaDB Galera cluster and Redis Sentinel
 * (test/support/local-cluster.ts, from the Debian packages), API and workers
 * as processes. A full reclassification completes with the same tiers as
 * without faults while the Galera node the pools write to is killed with
 * SIGKILL (and later rejoins) and the Redis primary is killed (Sentinel
 * promotes the replica); risk reads meanwhile answer 200 or 503, and 200 again
 * within 10 s. Two API instances writing through different nodes race on the
 * same repair decisions: one lands, the other is a 409, never both.
 */
const N = Number(process.env.CLUSTER_ENTERPRISES ?? 20_000);
const AS_OF = '2026-07-15';

describe(`on a Galera cluster and Redis Sentinel (${N} enterprises)`, () => {
  let cluster: LocalCluster;
  let stack: IsolatedStack;
  let api: { base: string; log: () => string };
  let token: string;
  let classifiable = 0;
  const workers: ChildProcess[] = [];

  const snapshot = async () =>
    JSON.stringify(
      await stack.db.query(
        'SELECT enterprise_id, tier, score, fingerprint FROM current_assessments ORDER BY enterprise_id',
      ),
    );
  const exactlyOncePerEnterprise = async (id: number, expected = classifiable) => {
    const [row] = await stack.db.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT enterprise_id) AS d FROM assessments WHERE run_id = ?',
      [id],
    );
    expect({ n: Number(row.n), d: Number(row.d) }).toEqual({ n: expected, d: expected });
  };
  const whenProgressed = async (id: number, share: number) => {
    for (;;) {
      const r = await stack.run(id).catch(() => undefined); // a node killed under the query
      if (r?.status === 'completed') throw new Error('run finished before the fault');
      if (r && r.total > 0 && r.processed >= r.total * share) return;
      await new Promise((res) => setTimeout(res, 20));
    }
  };

  beforeAll(async () => {
    applyTestEnvironment();
    const name = `crs_test_${testRunId()}_cluster`;
    cluster = await LocalCluster.start(join(tmpdir(), `crs-cluster-${testRunId()}`));
    stack = await IsolatedStack.start(name, {
      DATABASE_URL: cluster.databaseUrl(name),
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_SENTINELS: cluster.sentinels,
      REDIS_SENTINEL_NAME: SENTINEL_NAME,
      PUBLIC_URL: 'http://crs.cluster.test',
      RECLASSIFY_CHUNK_SIZE: '250',
      WORKER_CONCURRENCY: '2',
      QUEUE_LOCK_MS: '2000',
    });
    await seedPopulation(stack.db, { enterprises: N, seed: 11, asOf: AS_OF }, false);
    const [{ n }] = await stack.db.query(
      "SELECT COUNT(*) AS n FROM enterprises WHERE status <> 'CANCELLED'",
    );
    classifiable = Number(n);
    const config = AppConfig.fromEnvironment({ ...process.env, ...stack.env });
    const keys = await SigningKeys.load(config);
    token = await issueAccessToken(config, keys, { sub: 'admin-cluster', role: 'admin' });
    keys.onModuleDestroy();
    api = await stack.startApi();
    workers.push(await stack.startWorker(), await stack.startWorker());
  }, 600_000);
  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    await cluster?.stop();
  });

  it('classifies through the cluster, then again with the same tiers while a Galera node and the Redis primary are killed', async () => {
    const reference = await stack.waitForRun(
      stack.startRun(['--mode', 'full', '--as-of', AS_OF]),
      300_000,
    );
    expect(reference).toMatchObject({ status: 'completed', processed: classifiable, failed: 0 });
    const expected = await snapshot();

    // Risk reads all along: only 200 or 503, and 200 again soon after each fault.
    const [{ uscc }] = await stack.db.query(
      'SELECT e.uscc FROM enterprises e JOIN current_assessments c ON c.enterprise_id = e.id LIMIT 1',
    );
    const reads: { at: number; status: number }[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const status = await fetch(`${api.base}/api/v1/enterprises/${uscc}/risk`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(15_000),
        })
          .then((r) => r.status)
          .catch(() => -1);
        reads.push({ at: Date.now(), status });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // Assessed again from nothing, but for the enterprise read meanwhile (a 404 is not a fault).
    const [{ id: readId }] = await stack.db.query('SELECT id FROM enterprises WHERE uscc = ?', [
      uscc,
    ]);
    await stack.db.query('DELETE FROM current_assessments WHERE enterprise_id <> ?', [readId]);
    await stack.db.query('DELETE FROM assessments WHERE enterprise_id <> ?', [readId]);
    const id = stack.startRun(['--mode', 'full', '--as-of', AS_OF]);
    await whenProgressed(id, 0.25);
    const galeraFault = Date.now();
    cluster.killNode(0); // the node every pool writes to first
    await whenProgressed(id, 0.55);
    const redisFault = Date.now();
    const oldPrimary = cluster.killRedisPrimary();
    for (let i = 0; cluster.redisPrimary() === oldPrimary; i++) {
      if (i > 300) throw new Error('Sentinel promoted no replica in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const run = await stack.waitForRun(id, 400_000);
    reading = false;
    await reader;
    expect(run).toMatchObject({ status: 'completed', processed: classifiable, failed: 0 });
    await exactlyOncePerEnterprise(id, classifiable - 1); // the one read, unchanged, is not written
    expect(await snapshot()).toBe(expected);

    const bad = reads.filter((r) => r.status !== 200 && r.status !== 503);
    const errors = api
      .log()
      .split('\n')
      .filter((l) => /"level":(50|60)/.test(l))
      .slice(-3);
    expect(bad, `API errors: ${errors.join('\n')}`).toEqual([]);
    for (const fault of [galeraFault, redisFault]) {
      const ok = reads.find((r) => r.at > fault && r.status === 200);
      expect(ok, 'a 200 after the fault').toBeDefined();
      expect(ok!.at - fault).toBeLessThan(10_000);
    }

    // The killed node rejoins (state transfer from the others) and serves the same data.
    await cluster.startNode(0);
    const [{ n }] = await stack.db.query('SELECT COUNT(*) AS n FROM current_assessments');
    expect(Number(n)).toBe(classifiable);
  }, 900_000);

  it('a worker refuses to start when its chunks would not fit the cluster’s write-set limits', async () => {
    // A global of each node (not replicated).
    const onEveryNode = async (sql: string) => {
      for (const n of cluster.nodes) {
        const c = await createConnection({ host: '127.0.0.1', port: n.port, user: 'root' });
        await c.query(sql);
        await c.end();
      }
    };
    await onEveryNode('SET GLOBAL wsrep_max_ws_rows = 500');
    try {
      // RECLASSIFY_CHUNK_SIZE 250: up to 1,000 rows per chunk.
      await expect(stack.startWorker()).rejects.toThrow(
        /RECLASSIFY_CHUNK_SIZE 250 writes up to 1000 rows per transaction, over wsrep_max_ws_rows 500/,
      );
    } finally {
      await onEveryNode('SET GLOBAL wsrep_max_ws_rows = 0');
    }
  }, 120_000);

  it('two API instances on two Galera nodes decide the same applications at once: one 200, one 409 each', async () => {
    const hosts = cluster.nodes.map((n) => `127.0.0.1:${n.port}`);
    const saved = { server: process.env.TEST_DATABASE_SERVER, hosts: process.env.DATABASE_HOSTS };
    const evidenceDir = mkdtempSync(join(tmpdir(), 'crs-cluster-evidence-'));
    const apps: TestApp[] = [];
    try {
      process.env.TEST_DATABASE_SERVER = `mysql://root:@${hosts.join(',')}`;
      process.env.EVIDENCE_DIR = evidenceDir;
      applyTestEnvironment();
      await migrate(AppConfig.fromEnvironment());
      // Each instance's pool writes to another node first.
      for (const order of [hosts, [...hosts.slice(1), hosts[0]]]) {
        process.env.DATABASE_HOSTS = order.join(',');
        apps.push(await createTestApp());
      }
      const [a, b] = apps;
      const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
      const regulator = await a.token({ role: 'regulator', region: '33', sub: 'reg-cluster' });
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) {
        const uscc = newUscc('330106');
        const enterprise = await a.token({ role: 'enterprise', uscc, sub: `ent-${uscc}` });
        await a.putEnterprise(uscc);
        const evidence = [];
        for (const [kind, title] of [
          ['APPLICATION_FORM', '信用修复申请书'],
          ['COMMITMENT_LETTER', '守信承诺书'],
          ['FULFILMENT_PROOF', '罚款缴纳凭证'],
        ]) {
          const res = await a
            .http()
            .post('/api/v1/evidence')
            .set(auth(enterprise))
            .attach('file', Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`), {
              filename: 'm.pdf',
              contentType: 'application/pdf',
            })
            .expect(201);
          evidence.push({ kind, title, sha256: res.body.sha256 });
        }
        const record = await a.addRecord(uscc, {
          kind: 'PENALTY',
          occurredOn: '2026-02-15',
          severity: 'MODERATE',
          amount: '20000.00',
          violationType: '虚假宣传',
          documentNo: `杭西市监处罚〔2026〕${i}号`,
        });
        const app = await a
          .http()
          .post('/api/v1/repair-applications')
          .set(auth(enterprise))
          .send({
            recordId: record.id,
            reason: '罚款已缴清，违法行为已整改完毕。',
            commitment: true,
            evidence,
          })
          .expect(201);
        ids.push(app.body.id);
      }
      for (const [action, version] of [
        ['accept', 1],
        ['approve', 2],
      ] as const) {
        const results = await Promise.all(
          ids.flatMap((id) =>
            [a, b].map((t) =>
              t
                .http()
                .post(`/api/v1/repair-applications/${id}/${action}`)
                .set(auth(regulator))
                .send({ version })
                .then((r) => ({ id, status: r.status })),
            ),
          ),
        );
        for (const id of ids)
          expect(
            results
              .filter((r) => r.id === id)
              .map((r) => r.status)
              .sort(),
          ).toEqual([200, 409]);
      }
      const rows: { status: string; version: number }[] = await apps[1].app
        .get(DataSource)
        .query('SELECT status, version FROM repair_applications WHERE id IN (?)', [ids]);
      expect(rows.map((r) => [r.status, Number(r.version)])).toEqual(
        ids.map(() => ['APPROVED', 3]),
      );
    } finally {
      for (const t of apps) await t.close();
      rmSync(evidenceDir, { recursive: true, force: true });
      delete process.env.EVIDENCE_DIR;
      if (saved.server === undefined) delete process.env.TEST_DATABASE_SERVER;
      else process.env.TEST_DATABASE_SERVER = saved.server;
      if (saved.hosts === undefined) delete process.env.DATABASE_HOSTS;
      else process.env.DATABASE_HOSTS = saved.hosts;
      applyTestEnvironment();
    }
  }, 300_000);
});
