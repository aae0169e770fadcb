import { ChildProcess } from 'node:child_process';
import { addDays } from '@app/core';
import { seedPopulation } from '../apps/cli/src/commands/seed.command';
import { IsolatedStack } from './support/isolated-stack';
import { testRunId } from './setup/test-environment';

/**
 * Issue 4's reliability tests, at a size CI affords (RELIABILITY_ENTERPRISES,
 * default 20,000): worker processes started as in production, one killed with
 * SIGKILL mid-run; a real Redis restarted (empty) mid-run; incremental = full.
 * They run against a database and a Redis server of their own.
 */
const N = Number(process.env.RELIABILITY_ENTERPRISES ?? 20_000);
// After the annual-report rollover of 1 July, so a later as-of date does not make every enterprise due.
const AS_OF = '2026-07-15';

describe(`reclassification reliability (${N} enterprises, worker processes, own Redis)`, () => {
  let stack: IsolatedStack;
  const workers: ChildProcess[] = [];
  let classifiable = 0;
  let expected: string;

  /** Every enterprise's current assessment, as one comparable string. */
  const snapshot = async () =>
    JSON.stringify(
      await stack.db.query(
        'SELECT enterprise_id, tier, score, fingerprint FROM current_assessments ORDER BY enterprise_id',
      ),
    );
  const resetAssessments = async () => {
    await stack.db.query('DELETE FROM current_assessments');
    await stack.db.query('DELETE FROM assessments');
  };
  /** Waits until a run has done at least `share` of its work (but is not finished). */
  const whenProgressed = async (id: number, share: number) => {
    for (;;) {
      const r = await stack.run(id);
      if (r.status === 'completed')
        throw new Error('run finished before the fault could be injected');
      if (r.total > 0 && r.processed >= r.total * share) return;
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  const exactlyOncePerEnterprise = async (id: number) => {
    const [row] = await stack.db.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT enterprise_id) AS d FROM assessments WHERE run_id = ?',
      [id],
    );
    expect(Number(row.n)).toBe(classifiable);
    expect(Number(row.d)).toBe(classifiable);
  };

  beforeAll(async () => {
    stack = await IsolatedStack.start(`crs_test_${testRunId()}_reliability`, {
      RECLASSIFY_CHUNK_SIZE: '250',
      WORKER_CONCURRENCY: '2',
      // A killed worker's jobs are taken over after about two seconds.
      QUEUE_LOCK_MS: '2000',
    });
    await seedPopulation(stack.db, { enterprises: N, seed: 7, asOf: AS_OF }, false);
    const [{ n }] = await stack.db.query(
      "SELECT COUNT(*) AS n FROM enterprises WHERE status <> 'CANCELLED'",
    );
    classifiable = Number(n);
    workers.push(await stack.startWorker(), await stack.startWorker());
  }, 180_000);
  afterAll(() => stack?.stop());

  it('starts its workers with the heap cap production uses (WORKER_NODE_FLAGS)', () => {
    const limits = stack.workerReadyLines.map((l) => Number(/heap limit (\d+) MB/.exec(l)?.[1]));
    expect(limits).toHaveLength(2);
    // --max-old-space-size=160 plus the young generation; without it V8 takes ~4 GiB here.
    for (const mb of limits) {
      expect(mb).toBeGreaterThan(100);
      expect(mb).toBeLessThan(256);
    }
  });

  it('completes an uninterrupted full run with two workers: the reference tiers', async () => {
    const id = stack.startRun(['--mode', 'full', '--as-of', AS_OF]);
    const run = await stack.waitForRun(id);
    expect(run).toMatchObject({
      status: 'completed',
      total: classifiable,
      processed: classifiable,
      failed: 0,
    });
    await exactlyOncePerEnterprise(id);
    expected = await snapshot();
  }, 180_000);

  it('survives kill -9 of a worker mid-run: completes, one assessment per enterprise, same tiers', async () => {
    await resetAssessments();
    const id = stack.startRun(['--mode', 'full', '--as-of', AS_OF]);
    await whenProgressed(id, 0.2);
    workers[0].kill('SIGKILL');
    const run = await stack.waitForRun(id);
    expect(run).toMatchObject({ status: 'completed', processed: classifiable, failed: 0 });
    await exactlyOncePerEnterprise(id);
    expect(await snapshot()).toBe(expected);
    workers[0] = await stack.startWorker();
  }, 180_000);

  it('survives a Redis restart mid-run (its jobs lost): workers reconnect, the run completes, same tiers', async () => {
    await resetAssessments();
    const id = stack.startRun(['--mode', 'full', '--as-of', AS_OF]);
    await whenProgressed(id, 0.2);
    stack.stopRedis();
    await new Promise((res) => setTimeout(res, 1000));
    stack.startRedis();
    const run = await stack.waitForRun(id);
    expect(run).toMatchObject({ status: 'completed', processed: classifiable, failed: 0 });
    await exactlyOncePerEnterprise(id);
    expect(await snapshot()).toBe(expected);
  }, 180_000);

  it('incremental equals full: after random changes and a later as-of date, a full dry run finds nothing to change', async () => {
    let asOf = AS_OF;
    for (const step of [45, 120]) {
      // Random changes, as the registry makes them: new records, repaired records,
      // inputs_changed_at moved (for listings, also on enterprises sharing a person).
      const now = new Date();
      const picked: { id: number; region_code: string }[] = await stack.db.query(
        'SELECT id, region_code FROM enterprises ORDER BY RAND(?) LIMIT ?',
        [step, Math.ceil(N * 0.01)],
      );
      const ids = picked.map((p) => Number(p.id));
      const kinds = [
        'COMPLAINT',
        'ABNORMAL_LISTING',
        'INSPECTION',
        'PENALTY',
        'SERIOUS_DISHONESTY_LISTING',
      ];
      const rows = ids.map((id, i) => {
        const kind = kinds[i % kinds.length];
        return [
          id,
          kind,
          addDays(asOf, 3),
          'ACTIVE',
          kind === 'PENALTY' ? 'MODERATE' : null,
          kind === 'INSPECTION' ? 'PROBLEM' : null,
          kind === 'PENALTY' ? '虚假宣传' : null,
          picked[i].region_code,
        ];
      });
      await stack.db.query(
        'INSERT INTO credit_records (enterprise_id, kind, occurred_on, status, severity, result, violation_type, authority_region) VALUES ?',
        [rows],
      );
      const repaired: { id: number; enterprise_id: number }[] = await stack.db.query(
        "SELECT id, enterprise_id FROM credit_records WHERE status = 'ACTIVE' AND kind IN ('PENALTY', 'ABNORMAL_LISTING') ORDER BY RAND(?) LIMIT ?",
        [step + 1, Math.ceil(N * 0.005)],
      );
      await stack.db.query("UPDATE credit_records SET status = 'REPAIRED' WHERE id IN (?)", [
        repaired.map((r) => r.id),
      ]);
      const touched = [...ids, ...repaired.map((r) => Number(r.enterprise_id))];
      await stack.db.query(
        `UPDATE enterprises SET inputs_changed_at = ? WHERE id IN (?) OR id IN (
           SELECT theirs.enterprise_id FROM enterprise_persons mine
             JOIN enterprise_persons theirs ON theirs.person_id = mine.person_id
            WHERE mine.enterprise_id IN (?))`,
        [now, touched, touched],
      );
      asOf = addDays(asOf, step);

      const inc = await stack.waitForRun(
        stack.startRun(['--mode', 'incremental', '--as-of', asOf]),
      );
      expect(inc.status).toBe('completed');
      expect(inc.total).toBeGreaterThan(0);
      expect(inc.total).toBeLessThan(classifiable);
      const check = await stack.waitForRun(
        stack.startRun(['--mode', 'full', '--as-of', asOf, '--dry-run']),
      );
      expect(check).toMatchObject({ status: 'completed', processed: classifiable, changed: 0 });
    }
  }, 300_000);
});
