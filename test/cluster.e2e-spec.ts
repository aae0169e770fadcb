import { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@app/core';
import { issueAccessToken, SigningKeys } from '@app/identity';
import { seedPopulation } from '../apps/cli/src/commands/seed.command';
import { IsolatedStack } from './support/isolated-stack';
import { LocalCluster, SENTINEL_NAME } from './support/local-cluster';
import { applyTestEnvironment, testRunId } from './setup/test-environment';

/**
 * Issue 21: the service on a 3-node MariaDB Galera cluster and Redis Sentinel
 * (test/support/local-cluster.ts, from the Debian packages), API and workers
 * as processes. A full reclassification completes with the same tiers as
 * without faults while the Galera node the pools write to is killed with
 * SIGKILL (and later rejoins) and the Redis primary is killed (Sentinel
 * promotes the replica); risk reads meanwhile answer 200 or 503, and 200 again
 * within 10 s.
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
    const run = await stack.waitForRun(id, 400_000);
    reading = false;
    await reader;
    expect(run).toMatchObject({ status: 'completed', processed: classifiable, failed: 0 });
    await exactlyOncePerEnterprise(id, classifiable - 1); // the one read, unchanged, is not written
    expect(await snapshot()).toBe(expected);
    expect(cluster.redisPrimary()).not.toBe(oldPrimary);

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
});
