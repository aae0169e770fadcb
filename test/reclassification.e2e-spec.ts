import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/core';
import { NIGHTLY_SCHEDULER_ID, ReclassifyProcessor } from '@app/reclassification';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';
import { enterpriseBody, newUscc } from './support/fixtures';

/** This file's enterprises live in 6501xx, which no other test uses, so runs narrowed to it are exact. */
const REGION = '6501';

interface RunBody {
  id: number;
  status: string;
  total: number;
  processed: number;
  changed: number;
  failed: number;
  byTier: Record<string, number>;
  transitions: Record<string, number>;
  modelVersion: string;
  dryRun: boolean;
}

describe('reclassification runs (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  const usccs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    for (let i = 0; i < 24; i++) {
      const uscc = newUscc(`65010${i % 3}`);
      usccs.push(uscc);
      await t
        .http()
        .put(`/api/v1/enterprises/${uscc}`)
        .set(auth(admin))
        .send(
          enterpriseBody({
            regionCode: `65010${i % 3}`,
            establishedOn: `20${10 + (i % 15)}-03-01`,
            status: i === 23 ? 'CANCELLED' : 'ACTIVE',
          }),
        )
        .expect(201);
      if (i % 4 === 0) {
        await addRecord(uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 });
      }
      if (i % 6 === 1) {
        // Publicity of a MODERATE penalty ends a year after the decision: 2026-08-01.
        await addRecord(uscc, {
          kind: 'PENALTY',
          occurredOn: '2025-08-01',
          severity: 'MODERATE',
          amount: '1000',
          violationType: '虚假宣传',
          documentNo: `X-${i}`,
        });
      }
    }
    await queueDrained(worker);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  function auth(token: string) {
    return { Authorization: `Bearer ${token}` };
  }
  async function addRecord(uscc: string, body: object) {
    await t
      .http()
      .post(`/api/v1/enterprises/${uscc}/records`)
      .set(auth(admin))
      .send(body)
      .expect(201);
  }
  async function start(body: object, status = 202): Promise<RunBody> {
    return (
      await t.http().post('/api/v1/reclassifications').set(auth(admin)).send(body).expect(status)
    ).body;
  }
  async function finished(id: number): Promise<RunBody> {
    return eventually(async () => {
      const res = await t
        .http()
        .get(`/api/v1/reclassifications/${id}`)
        .set(auth(admin))
        .expect(200);
      return res.body.status === 'completed' || res.body.status === 'failed'
        ? (res.body as RunBody)
        : undefined;
    }, 30_000);
  }

  it('runs a full reclassification in chunks and finds nothing changed at the same as-of date', async () => {
    const queued = await start({ mode: 'full', region: REGION });
    expect(queued.status).toBe('queued');
    const run = await finished(queued.id);
    expect(run).toMatchObject({
      status: 'completed',
      total: 23,
      processed: 23,
      changed: 0,
      failed: 0,
    });
    expect(Object.values(run.byTier).reduce((a, b) => a + b, 0)).toBe(23);
    expect(run.transitions).toEqual({});
  });

  it('stores what changed at a later as-of date, once per enterprise, with the transition matrix', async () => {
    const run = await finished(
      (await start({ mode: 'full', region: REGION, asOf: '2026-08-01' })).id,
    );
    expect(run.status).toBe('completed');
    expect(run.processed).toBe(23);
    expect(run.changed).toBeGreaterThan(0);
    const moved = Object.values(run.transitions).reduce((a, b) => a + b, 0);
    expect(moved).toBeLessThanOrEqual(run.changed);
    // One history row per changed enterprise for this run, never two.
    const ds = worker.get(DataSource);
    const [{ n, distinctN }] = await ds.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT enterprise_id) AS distinctN FROM assessments WHERE run_id = ?',
      [run.id],
    );
    expect(Number(n)).toBe(run.changed);
    expect(Number(distinctN)).toBe(run.changed);
  });

  it('refuses a second run for the same as-of date and mode while one is queued (409)', async () => {
    const processor = worker.get(ReclassifyProcessor);
    await processor.worker.pause();
    try {
      const first = await start({ mode: 'incremental', region: REGION, asOf: '2026-08-02' });
      const conflict = await start(
        { mode: 'incremental', region: REGION, asOf: '2026-08-02' },
        409,
      );
      expect(conflict).toMatchObject({ statusCode: 409 });
      processor.worker.resume();
      expect((await finished(first.id)).status).toBe('completed');
      // Once it is over, the same run may be started again.
      expect(
        (
          await finished(
            (await start({ mode: 'incremental', region: REGION, asOf: '2026-08-02' })).id,
          )
        ).status,
      ).toBe('completed');
    } finally {
      processor.worker.resume();
    }
  });

  it('re-scores incrementally only what changed since the last completed run', async () => {
    // Other test files share this database and their runs (over all regions) carry their own
    // fixed clocks; a week ahead, this test's runs are the latest ones, as in real time.
    t.clock.set('2026-06-22T02:00:00.000Z');
    try {
      const asOf = '2026-06-15';
      await finished((await start({ mode: 'full', region: REGION, asOf })).id);
      t.clock.advance(60_000);
      await addRecord(usccs[5], { kind: 'COMPLAINT', occurredOn: '2026-06-01' });
      await queueDrained(worker);
      const run = await finished((await start({ mode: 'incremental', region: REGION, asOf })).id);
      expect(run.status).toBe('completed');
      expect(run.total).toBe(1);
      // Its chunk names the one enterprise, so it reads that one, not its whole id range.
      const [enterprise] = await worker
        .get(DataSource)
        .query('SELECT id FROM enterprises WHERE uscc = ?', [usccs[5]]);
      const chunks = await worker
        .get(DataSource)
        .query('SELECT size, ids FROM reclassification_chunks WHERE run_id = ?', [run.id]);
      expect(chunks).toHaveLength(1);
      expect(Number(chunks[0].size)).toBe(1);
      const ids = typeof chunks[0].ids === 'string' ? JSON.parse(chunks[0].ids) : chunks[0].ids;
      expect(ids).toEqual([Number(enterprise.id)]);
    } finally {
      t.clock.set('2026-06-15T02:00:00.000Z');
    }
  });

  it('finds an enterprise never assessed by its inputs stamp, and one assessed by another model by its hash', async () => {
    t.clock.set('2026-06-29T02:00:00.000Z');
    try {
      const asOf = '2026-06-15';
      const db = worker.get(DataSource);
      await finished((await start({ mode: 'full', region: REGION, asOf })).id);
      t.clock.advance(60_000);
      // Registered after that run, its re-scoring lost (Redis and the outbox both down):
      // no current assessment, inputs stamped after the run started.
      const created = newUscc('650101');
      await t
        .http()
        .put(`/api/v1/enterprises/${created}`)
        .set(auth(admin))
        .send(enterpriseBody({ regionCode: '650101' }))
        .expect(201);
      await queueDrained(worker);
      const [{ id: createdId }] = await db.query('SELECT id FROM enterprises WHERE uscc = ?', [
        created,
      ]);
      await db.query('DELETE FROM current_assessments WHERE enterprise_id = ?', [createdId]);
      // Unchanged since the run, but classified by another model.
      const [{ id: otherId }] = await db.query('SELECT id FROM enterprises WHERE uscc = ?', [
        usccs[7],
      ]);
      await db.query(
        "UPDATE current_assessments SET model_hash = 'other', fingerprint = 'other' WHERE enterprise_id = ?",
        [otherId],
      );

      const run = await finished((await start({ mode: 'incremental', region: REGION, asOf })).id);
      expect(run.status).toBe('completed');
      expect(run.total).toBe(2);
      const rows = await db.query(
        'SELECT c.enterprise_id, c.model_hash, r.model_hash AS run_hash FROM current_assessments c JOIN reclassification_runs r ON r.id = ? WHERE c.enterprise_id IN (?) ORDER BY c.enterprise_id',
        [run.id, [createdId, otherId]],
      );
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.model_hash).toBe(r.run_hash);
      // Leaves the file's population as it was: 23 live enterprises.
      await t
        .http()
        .put(`/api/v1/enterprises/${created}`)
        .set(auth(admin))
        .send(enterpriseBody({ regionCode: '650101', status: 'CANCELLED' }))
        .expect(200);
      await queueDrained(worker);
    } finally {
      t.clock.set('2026-06-15T02:00:00.000Z');
    }
  });

  it('computes a dry run with another model and stores nothing but the statistics', async () => {
    const before = await t
      .http()
      .get(`/api/v1/risk/summary?region=${REGION}`)
      .set(auth(await t.token({ role: 'regulator', region: REGION })))
      .expect(200);
    const run = await finished(
      (
        await start({
          mode: 'full',
          region: REGION,
          modelVersion: 'samr-general-v2-draft',
          dryRun: true,
        })
      ).id,
    );
    expect(run).toMatchObject({
      status: 'completed',
      dryRun: true,
      modelVersion: 'samr-general-v2-draft',
      processed: 23,
    });
    expect(run.changed).toBe(23); // every assessment differs: another model
    const after = await t
      .http()
      .get(`/api/v1/risk/summary?region=${REGION}`)
      .set(auth(await t.token({ role: 'regulator', region: REGION })))
      .expect(200);
    expect(after.body).toEqual(before.body);
    const ds = worker.get(DataSource);
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM assessments WHERE run_id = ?', [
      run.id,
    ]);
    expect(Number(n)).toBe(0);
  });

  it('lets regulators read runs but only admins start them; validates the body', async () => {
    const regulator = await t.token({ role: 'regulator', region: '65' });
    const list = await t.http().get('/api/v1/reclassifications').set(auth(regulator)).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    await t
      .http()
      .post('/api/v1/reclassifications')
      .set(auth(regulator))
      .send({ mode: 'full' })
      .expect(403);
    const bad = await t
      .http()
      .post('/api/v1/reclassifications')
      .set(auth(admin))
      .send({ mode: 'sometimes' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('mode');
    await t
      .http()
      .post('/api/v1/reclassifications')
      .set(auth(admin))
      .send({ mode: 'full', modelVersion: 'nope' })
      .expect(404);
    await t.http().get('/api/v1/reclassifications/99999999').set(auth(admin)).expect(404);
  });

  it('shows a regional run inside its jurisdiction only (404 elsewhere), padded spellings included', async () => {
    const run = await finished((await start({ mode: 'full', region: REGION, dryRun: true })).id);
    const national = await finished((await start({ mode: 'full', dryRun: true })).id);
    const runUrl = (id: number) => `/api/v1/reclassifications/${id}`;
    const ids = async (token: string) =>
      (
        await t.http().get('/api/v1/reclassifications?pageSize=100').set(auth(token)).expect(200)
      ).body.items.map((r: RunBody) => r.id);

    for (const region of ['650100', '650000', REGION]) {
      const inside = await t.token({ role: 'regulator', region });
      await t.http().get(runUrl(run.id)).set(auth(inside)).expect(200);
      expect(await ids(inside)).toContain(run.id);
    }
    for (const region of ['3301', '6502', '650102']) {
      const outside = await t.token({ role: 'regulator', region });
      await t.http().get(runUrl(run.id)).set(auth(outside)).expect(404);
      expect(await ids(outside)).not.toContain(run.id);
      // A national run (no region) stays readable by every regulator.
      await t.http().get(runUrl(national.id)).set(auth(outside)).expect(200);
      expect(await ids(outside)).toContain(national.id);
    }
  });

  it('registers the nightly run with the job scheduler (cron and time zone from config)', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.Reclassify));
    const scheduler = await queue.getJobScheduler(NIGHTLY_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
  });
});
