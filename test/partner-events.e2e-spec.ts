import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { enterpriseBody, newUscc } from './support/fixtures';
import { moderatePenalty, repairKit } from './support/repair-kit';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually } from './support/test-worker';
import { PublicityEndProcessor } from '@app/publication';

/**
 * Issue 20 item 1: every change a partner department acts on writes its event
 * to the outbox in the same transaction as the change, with public facts only.
 * (Delivery to subscriptions is not built yet.)
 */
const REGION = '330114';
const IMPORT_DIR = mkdtempSync(join(tmpdir(), 'crs-events-imports-'));
const SERIOUS = {
  kind: 'SERIOUS_DISHONESTY_LISTING',
  occurredOn: '2026-05-01',
  reason: '提交虚假材料',
  documentNo: '严〔2026〕1号',
};
const ABNORMAL = {
  kind: 'ABNORMAL_LISTING',
  occurredOn: '2026-05-02',
  reason: '通过登记的住所无法联系',
};
const PAYLOAD_KEYS = ['authority', 'enterprise', 'id', 'occurredAt', 'record', 'type'];
const FORBIDDEN = /"(tier|score|factors|measures|vetoes)"/;

interface EventRow {
  id: number;
  event_id: string;
  type: string;
  record_id: number | null;
  payload: Record<string, unknown>;
}

describe('partner events: a transactional outbox of list changes (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let db: DataSource;
  let admin: string;
  let regulator: string;
  const kit = repairKit(
    () => t,
    () => ({ admin, regulator }),
  );

  const eventsOf = async (uscc: string): Promise<EventRow[]> => {
    const rows = await db.query(
      `SELECT p.id, p.event_id, p.type, p.record_id, p.payload FROM partner_events p
         JOIN enterprises e ON e.id = p.enterprise_id WHERE e.uscc = ? ORDER BY p.id`,
      [uscc],
    );
    return rows.map((r: EventRow & { payload: unknown }) => ({
      ...r,
      record_id: r.record_id === null ? null : Number(r.record_id),
      payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    }));
  };

  beforeAll(async () => {
    process.env.IMPORT_DIR = IMPORT_DIR;
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    db = t.app.get(DataSource);
    admin = await t.token({ role: 'admin' });
    regulator = await t.token({ role: 'regulator', region: '3301', sub: 'reg-events' });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    rmSync(IMPORT_DIR, { recursive: true, force: true });
    delete process.env.IMPORT_DIR;
  });

  it('announces listings added, with public facts only; a penalty is not a list change', async () => {
    const uscc = newUscc(REGION);
    await t.putEnterprise(uscc, { regionCode: REGION, name: '钱塘事件测试有限公司' });
    const serious = await t.addRecord(uscc, SERIOUS);
    const abnormal = await t.addRecord(uscc, ABNORMAL);
    await t.addRecord(uscc, moderatePenalty());
    const events = await eventsOf(uscc);
    expect(events.map((e) => [e.type, e.record_id])).toEqual([
      ['serious-list.added', serious.id],
      ['abnormal-list.added', abnormal.id],
    ]);
    const [first] = events;
    expect(first.event_id).toMatch(/^evt_[0-9a-f-]{36}$/);
    expect(Object.keys(first.payload).sort()).toEqual(PAYLOAD_KEYS);
    expect(first.payload).toMatchObject({
      id: first.event_id,
      type: 'serious-list.added',
      occurredAt: '2026-06-15T02:00:00.000Z',
      enterprise: { uscc, name: '钱塘事件测试有限公司', regionCode: REGION },
      record: {
        id: serious.id,
        kind: 'SERIOUS_DISHONESTY_LISTING',
        occurredOn: '2026-05-01',
        documentNo: '严〔2026〕1号',
        reason: '提交虚假材料',
      },
      authority: { region: REGION, name: '浙江省杭州市钱塘区市场监督管理局' },
    });
    expect(JSON.stringify(events.map((e) => e.payload))).not.toMatch(FORBIDDEN);
  });

  it('writes nothing when the change does not commit', async () => {
    const uscc = newUscc(REGION);
    await t.putEnterprise(uscc, { regionCode: REGION });
    await t.addRecord(uscc, { ...SERIOUS, reference: 'SRC-SERIOUS-1' });
    // The same source record again: refused (409), nothing written, no second event.
    await t
      .http()
      .post(`/api/v1/enterprises/${uscc}/records`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...SERIOUS, reference: 'SRC-SERIOUS-1' })
      .expect(409);
    expect((await eventsOf(uscc)).map((e) => e.type)).toEqual(['serious-list.added']);
  });

  it('announces an enterprise revoked or cancelled, once per change', async () => {
    const uscc = newUscc(REGION);
    await t.putEnterprise(uscc, { regionCode: REGION });
    const put = (status: string) =>
      t
        .http()
        .put(`/api/v1/enterprises/${uscc}`)
        .set('Authorization', `Bearer ${admin}`)
        .send(enterpriseBody({ regionCode: REGION, status }))
        .expect(200);
    await put('REVOKED');
    await put('REVOKED');
    await put('CANCELLED');
    const events = await eventsOf(uscc);
    expect(events.map((e) => [e.type, e.record_id])).toEqual([
      ['enterprise.revoked', null],
      ['enterprise.cancelled', null],
    ]);
    expect(events[0].payload).toMatchObject({ record: null, enterprise: { uscc } });
  });

  it('announces listings of a bulk import with their record ids', async () => {
    const [a, b] = [newUscc(REGION), newUscc(REGION)];
    const line = (uscc: string, records: object[]) =>
      JSON.stringify({
        type: 'enterprise',
        uscc,
        enterprise: enterpriseBody({ regionCode: REGION }),
        records,
      });
    const body = [line(a, [SERIOUS, moderatePenalty()]), line(b, [ABNORMAL, SERIOUS])].join('\n');
    const { id } = (
      await t
        .http()
        .post('/api/v1/imports')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/x-ndjson')
        .send(body)
        .expect(202)
    ).body;
    const done = await eventually(async () => {
      const r = await t.http().get(`/api/v1/imports/${id}`).set('Authorization', `Bearer ${admin}`);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 20_000);
    expect(done).toMatchObject({ rejected: 0, enterprises: 2 });
    const recordsOf = async (uscc: string) =>
      (
        await t
          .http()
          .get(`/api/v1/enterprises/${uscc}/records`)
          .set('Authorization', `Bearer ${admin}`)
          .expect(200)
      ).body.items as { id: number; kind: string }[];
    for (const uscc of [a, b]) {
      const listings = (await recordsOf(uscc))
        .filter((r) => r.kind.endsWith('LISTING'))
        .map((r) => r.id)
        .sort((x, y) => x - y);
      const events = await eventsOf(uscc);
      expect(events.map((e) => e.record_id)).toEqual(listings);
    }
    expect((await eventsOf(b)).map((e) => e.type)).toEqual([
      'abnormal-list.added',
      'serious-list.added',
    ]);
  });

  it('announces a serious listing whose publicity period ended by itself, once (the daily sweep)', async () => {
    const uscc = newUscc(REGION);
    await t.putEnterprise(uscc, { regionCode: REGION });
    const old = await t.addRecord(uscc, {
      ...SERIOUS,
      occurredOn: '2022-03-01',
      documentNo: '严〔2022〕3号',
    });
    const recent = await t.addRecord(uscc, SERIOUS);
    const sweep = worker.get(PublicityEndProcessor);
    const first = await sweep.sweep();
    // The cut-off is the model's window back from the test clock's day (2026-06-15).
    expect(first.cutoff < '2026-06-15' && first.cutoff >= '2022-03-01').toBe(true);
    expect(first.announced).toBeGreaterThanOrEqual(1);
    const ended = (await eventsOf(uscc)).filter((e) => e.type === 'serious-list.ended');
    expect(ended.map((e) => e.record_id)).toEqual([old.id]);
    expect(ended[0].payload).toMatchObject({
      type: 'serious-list.ended',
      enterprise: { uscc },
      record: { id: old.id, kind: 'SERIOUS_DISHONESTY_LISTING', occurredOn: '2022-03-01' },
    });
    expect(JSON.stringify(ended[0].payload)).not.toMatch(FORBIDDEN);
    // Once per listing: the next day's sweep announces nothing new for it, nor for the recent one.
    await sweep.sweep();
    const again = (await eventsOf(uscc)).filter((e) => e.type === 'serious-list.ended');
    expect(again.map((e) => e.record_id)).toEqual([old.id]);
    expect(again.map((e) => e.record_id)).not.toContain(recent.id);
  });

  it('announces a penalty’s publicity ended by an approved repair, in the decision’s transaction', async () => {
    const e = await kit.newEnterprise({}, '330106');
    const record = await kit.addRecord(e.uscc, moderatePenalty());
    expect(await eventsOf(e.uscc)).toEqual([]);
    const application = await kit.applyFor(e.token, record.id);
    await kit.act(regulator, application.id, 'accept', { version: 1 }).expect(200);
    await kit.act(regulator, application.id, 'approve', { version: 2 }).expect(200);
    const events = await eventsOf(e.uscc);
    expect(events.map((x) => [x.type, x.record_id])).toEqual([
      ['penalty.publicity-ended', record.id],
    ]);
  });
});
