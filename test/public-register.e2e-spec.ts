import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newUscc } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, queueDrained } from './support/test-worker';

/**
 * Issue 20 item 4, 公示: the public read of an enterprise and of the serious
 * dishonest list, without a token: only what the law publishes, cached by
 * ETag, limited per client address. (TEST_NOW is 2026-06-15.)
 */
const REGION = '330113';
const LIMIT = 20;
const PENALTY = {
  kind: 'PENALTY',
  occurredOn: '2026-03-10',
  severity: 'MODERATE',
  amount: '20000.00',
  violationType: '虚假宣传',
  documentNo: '杭临平市监处罚〔2026〕9号',
};
/** A MINOR penalty is published 3 months: over by the test's day. */
const OLD_PENALTY = {
  ...PENALTY,
  occurredOn: '2025-12-01',
  severity: 'MINOR',
  documentNo: '旧〔2025〕1号',
};
const REPAIRED = { ...PENALTY, occurredOn: '2026-02-01', documentNo: '已修复〔2026〕2号' };
const ABNORMAL = {
  kind: 'ABNORMAL_LISTING',
  occurredOn: '2026-04-01',
  reason: '通过登记的住所无法联系',
  documentNo: '异〔2026〕3号',
};
const SERIOUS = {
  kind: 'SERIOUS_DISHONESTY_LISTING',
  occurredOn: '2026-05-01',
  reason: '提交虚假材料取得登记',
  documentNo: '严〔2026〕4号',
};
/** Every key a public answer may carry, at any depth. */
const ALLOWED = new Set([
  'uscc',
  'name',
  'status',
  'regionCode',
  'penalties',
  'abnormalListings',
  'seriousDishonestyListings',
  'decidedOn',
  'documentNo',
  'violationType',
  'amount',
  'authority',
  'authorityRegion',
  'publicUntil',
  'listedOn',
  'reason',
  'items',
  'page',
  'pageSize',
  'total',
]);

function keys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keys(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keys(x, out);
    }
  return out;
}

describe('公示: public enterprise records and the serious dishonest list (no token)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const listed = newUscc(REGION);
  const clean = newUscc(REGION);
  let ip = 0;
  /** Each check from an address of its own, so the rate limit only bites where meant to. */
  const pub = (path: string) =>
    t
      .http()
      .get(`/api/v1/public${path}`)
      .set('X-Forwarded-For', `198.51.100.${++ip + 100}`);

  beforeAll(async () => {
    process.env.RATE_LIMIT_UNAUTHENTICATED = String(LIMIT);
    process.env.TRUST_PROXY = '127.0.0.1';
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    for (const uscc of [listed, clean])
      await t.putEnterprise(uscc, {
        regionCode: REGION,
        name: `临平公示测试${uscc.slice(-4)}有限公司`,
      });
    for (const r of [PENALTY, OLD_PENALTY, ABNORMAL, SERIOUS]) await t.addRecord(listed, r);
    const repaired = await t.addRecord(listed, REPAIRED);
    // Fixture: a penalty whose publicity a repair ended (the workflow itself is repair.e2e's).
    await t.app
      .get(DataSource)
      .query("UPDATE credit_records SET status = 'REPAIRED' WHERE id = ?", [repaired.id]);
    await queueDrained(worker);
  });
  afterAll(async () => {
    delete process.env.RATE_LIMIT_UNAUTHENTICATED;
    delete process.env.TRUST_PROXY;
    await worker.close();
    await t.close();
  });

  it('shows an enterprise’s records in publicity, and nothing else', async () => {
    const r = await pub(`/enterprises/${listed}`).expect(200);
    const body = r.body;
    expect(body).toMatchObject({ uscc: listed, status: 'ACTIVE', regionCode: REGION });
    expect(body.penalties).toEqual([
      {
        decidedOn: '2026-03-10',
        documentNo: PENALTY.documentNo,
        violationType: '虚假宣传',
        amount: '20000.00',
        authority: '浙江省杭州市临平区市场监督管理局',
        authorityRegion: REGION,
        publicUntil: '2027-03-09',
      },
    ]);
    expect(body.abnormalListings).toEqual([
      expect.objectContaining({
        listedOn: '2026-04-01',
        reason: ABNORMAL.reason,
        publicUntil: null,
      }),
    ]);
    expect(body.seriousDishonestyListings).toEqual([
      expect.objectContaining({
        listedOn: '2026-05-01',
        documentNo: SERIOUS.documentNo,
        publicUntil: '2029-04-30',
      }),
    ]);
    // Walk every field: only published facts, never a tier, score, factor, measure or internal id.
    for (const k of keys(body)) expect(ALLOWED.has(k), k).toBe(true);
    expect(JSON.stringify(body)).not.toContain(REPAIRED.documentNo);
    expect(JSON.stringify(body)).not.toContain(OLD_PENALTY.documentNo);
    expect(r.headers['cache-control']).toBe('public, max-age=60');

    const none = await pub(`/enterprises/${clean}`).expect(200);
    expect(none.body).toMatchObject({
      penalties: [],
      abnormalListings: [],
      seriousDishonestyListings: [],
    });
    await pub(`/enterprises/${newUscc(REGION)}`).expect(404);
    await pub('/enterprises/not-a-uscc').expect(400);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await pub(`/enterprises/${listed}`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await pub(`/enterprises/${listed}`).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    await pub(`/enterprises/${listed}`).set('If-None-Match', '"other"').expect(200);
    // A change to the record set changes the tag.
    await t.addRecord(listed, {
      ...PENALTY,
      occurredOn: '2026-06-01',
      documentNo: '新〔2026〕5号',
    });
    const changed = await pub(`/enterprises/${listed}`).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('lists the serious dishonest list of a region, paged, public fields only', async () => {
    const r = await pub(`/serious-dishonesty-list?region=${REGION}`).expect(200);
    expect(r.body.total).toBe(1);
    expect(r.body.items).toEqual([
      expect.objectContaining({
        uscc: listed,
        listedOn: '2026-05-01',
        publicUntil: '2029-04-30',
        regionCode: REGION,
      }),
    ]);
    for (const k of keys(r.body)) expect(ALLOWED.has(k), k).toBe(true);
    await pub('/serious-dishonesty-list?region=00').expect(400);
    const etag = r.headers.etag as string;
    await pub(`/serious-dishonesty-list?region=${REGION}`).set('If-None-Match', etag).expect(304);
  });

  it('limits a burst from one address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < LIMIT + 3; i++) {
      const r = await t
        .http()
        .get(`/api/v1/public/enterprises/${listed}`)
        .set('X-Forwarded-For', '203.0.113.9');
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.headers['retry-after'];
    }
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
