import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/core';
import { ESCALATION_SCHEDULER, ESCALATION_SWEEP_JOB } from '@app/supervision';
import { createTestApp, TEST_NOW, TestApp } from './support/test-app';
import { createTestWorker, eventually } from './support/test-worker';
import { newUscc } from './support/fixtures';

interface Escalation {
  uscc: string;
  name: string;
  regionCode: string;
  recordId: number;
  listedOn: string;
  yearsListed: number;
  flaggedAt: string;
}

/** Districts no other suite uses, so the lists here hold only this file's enterprises. */
const REGION = '450102';
const OTHER_REGION = '450202';
// TEST_NOW is 2026-06-15 in Shanghai: three years back is 2023-06-15.
const OVERDUE = '2023-06-14'; // 3 years + 1 day
const NOT_YET = '2023-06-16'; // 3 years − 1 day

describe('GET /escalations: abnormal list for 3 years → flagged for the serious dishonest list', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let db: DataSource;
  let admin: string;
  let regulator: string;
  let otherRegulator: string;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const abnormal = (occurredOn: string) => ({
    kind: 'ABNORMAL_LISTING',
    occurredOn,
    reason: '通过登记的住所无法联系',
  });
  const listed = async (region: string, occurredOn: string) => {
    const uscc = newUscc(region);
    await t.putEnterprise(uscc, { regionCode: region, name: `逾期异常企业${uscc.slice(-6)}` });
    const record = await t.addRecord(uscc, abnormal(occurredOn));
    return { uscc, recordId: record.id };
  };
  const sweep = async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.Escalations));
    const job = await queue.add(ESCALATION_SWEEP_JOB, {});
    await eventually(async () => ((await job.isCompleted()) ? true : undefined), 20_000);
  };
  const escalations = async (token: string, query = 'pageSize=500') =>
    (await t.http().get(`/api/v1/escalations?${query}`).set(auth(token)).expect(200)).body as {
      items: Escalation[];
      page: number;
      pageSize: number;
      total: number;
    };
  const usccs = async (token: string) => (await escalations(token)).items.map((e) => e.uscc);

  let overdue: { uscc: string; recordId: number };
  let notYet: { uscc: string; recordId: number };
  let repaired: { uscc: string; recordId: number };
  let elsewhere: { uscc: string; recordId: number };
  let seriousSince: { uscc: string; recordId: number };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    db = t.app.get(DataSource);
    admin = await t.token({ role: 'admin' });
    regulator = await t.token({ role: 'regulator', region: '4501' });
    otherRegulator = await t.token({ role: 'regulator', region: '4502' });

    overdue = await listed(REGION, OVERDUE);
    notYet = await listed(REGION, NOT_YET);
    repaired = await listed(REGION, OVERDUE);
    // Removed from the list (a repair approved) before the sweep.
    await db.query("UPDATE credit_records SET status = 'REPAIRED' WHERE id = ?", [
      repaired.recordId,
    ]);
    elsewhere = await listed(OTHER_REGION, OVERDUE);
    seriousSince = await listed(REGION, '2020-03-01');
    await t.addRecord(seriousSince.uscc, {
      kind: 'SERIOUS_DISHONESTY_LISTING',
      occurredOn: '2023-04-01',
      reason: '列入经营异常名录满三年',
    });
    await sweep();
  }, 120_000);

  afterAll(async () => {
    t.clock.set(TEST_NOW);
    await worker?.close();
    await t?.close();
  });

  it('the worker registers the daily job scheduler', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.Escalations));
    const scheduler = await queue.getJobScheduler(ESCALATION_SCHEDULER);
    expect(scheduler).toMatchObject({ pattern: '30 1 * * *', tz: 'Asia/Shanghai' });
  });

  it('flags a listing of 3 years + 1 day, not one of 3 years − 1 day, nor a removed one', async () => {
    const body = await escalations(regulator);
    expect(body).toMatchObject({ page: 1, pageSize: 500, total: 1 });
    expect(body.items).toEqual([
      {
        uscc: overdue.uscc,
        name: `逾期异常企业${overdue.uscc.slice(-6)}`,
        regionCode: REGION,
        recordId: overdue.recordId,
        listedOn: OVERDUE,
        yearsListed: 3,
        flaggedAt: TEST_NOW,
      },
    ]);
    const seen = await usccs(admin);
    expect(seen).toContain(overdue.uscc);
    expect(seen).not.toContain(notYet.uscc);
    expect(seen).not.toContain(repaired.uscc);
    // Already on the serious list since the abnormal listing: nothing to escalate.
    expect(seen).not.toContain(seriousSince.uscc);
  });

  it('shows a regulator only its jurisdiction', async () => {
    expect(await usccs(regulator)).not.toContain(elsewhere.uscc);
    expect(await usccs(otherRegulator)).toEqual([elsewhere.uscc]);
    expect(await usccs(admin)).toEqual(expect.arrayContaining([overdue.uscc, elsewhere.uscc]));
    // Narrowing to a region outside the jurisdiction never widens it.
    expect((await escalations(regulator, 'region=4502')).total).toBe(0);
  });

  it('is 403 for an enterprise, even about itself', async () => {
    const own = await t.token({ role: 'enterprise', uscc: overdue.uscc });
    await t.http().get('/api/v1/escalations').set(auth(own)).expect(403);
  });

  it('audits the read', async () => {
    const entries = await eventually(async () => {
      const res = await t
        .http()
        .get('/api/v1/audit?action=escalation.list&pageSize=500')
        .set(auth(admin))
        .expect(200);
      const hits = (res.body.items as { action: string }[]).filter(
        (e) => e.action === 'escalation.list',
      );
      return hits.length ? hits : undefined;
    });
    expect(entries.length).toBeGreaterThan(0);
  });

  it('is idempotent, flags the next listing the day it is due, and never lists anyone', async () => {
    t.clock.set('2026-06-16T02:00:00.000Z');
    await sweep();
    await sweep();
    const items = (await escalations(regulator)).items;
    expect(items.map((e) => [e.uscc, e.flaggedAt])).toEqual([
      [overdue.uscc, TEST_NOW], // kept its first flag
      [notYet.uscc, '2026-06-16T02:00:00.000Z'],
    ]);
    const [{ n }] = await db.query(
      `SELECT COUNT(*) AS n FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE e.uscc IN (?) AND r.kind = 'SERIOUS_DISHONESTY_LISTING'`,
      [[overdue.uscc, notYet.uscc, elsewhere.uscc]],
    );
    expect(Number(n)).toBe(0);
  });

  it('closes a flag when the listing ends or the serious listing is made, and reopens it', async () => {
    await db.query("UPDATE credit_records SET status = 'REPAIRED' WHERE id = ?", [
      overdue.recordId,
    ]);
    await t.addRecord(notYet.uscc, {
      kind: 'SERIOUS_DISHONESTY_LISTING',
      occurredOn: '2026-06-16',
      reason: '列入经营异常名录满三年仍未履行相关义务',
    });
    await sweep();
    expect(await usccs(regulator)).toEqual([]);
    const closed = await db.query(
      'SELECT record_id, closed_reason FROM escalation_candidates WHERE record_id IN (?) ORDER BY record_id',
      [[overdue.recordId, notYet.recordId]],
    );
    expect(closed.map((r: { closed_reason: string }) => r.closed_reason)).toEqual([
      'LISTING_ENDED',
      'SERIOUS_LISTED',
    ]);

    // The repair is revoked (false materials): the listing is in force again.
    t.clock.set('2026-06-20T02:00:00.000Z');
    await db.query("UPDATE credit_records SET status = 'ACTIVE' WHERE id = ?", [overdue.recordId]);
    await sweep();
    const again = (await escalations(regulator)).items;
    expect(again.map((e) => [e.uscc, e.flaggedAt])).toEqual([
      [overdue.uscc, '2026-06-20T02:00:00.000Z'],
    ]);
  });
});
