import { INestApplicationContext } from '@nestjs/common';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';
import { enterpriseBody, newUscc } from './support/fixtures';

interface RiskBody {
  tier: string;
  score: number;
  asOf: string;
  modelVersion: string;
  modelHash: string;
  factors: {
    code: string;
    category: string;
    label: { zh: string; en: string };
    points: number;
    recordIds: number[];
  }[];
  vetoes: { code: string; effect: string }[];
}

describe('risk: re-scoring on change and the risk API (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  let regulator: string;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    regulator = await t.token({ role: 'regulator', region: '3301' });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const putEnterprise = (uscc: string, overrides: Record<string, unknown> = {}) =>
    t
      .http()
      .put(`/api/v1/enterprises/${uscc}`)
      .set(auth(admin))
      .send(enterpriseBody(overrides))
      .expect(201);
  const addRecord = (uscc: string, body: object) => t.addRecord(uscc, body);
  const risk = (uscc: string, token = regulator) =>
    t.http().get(`/api/v1/enterprises/${uscc}/risk`).set(auth(token));
  /** Waits until the API shows an assessment satisfying `ok`. */
  const riskWhen = (uscc: string, ok: (r: RiskBody) => boolean) =>
    eventually(async () => {
      const res = await risk(uscc);
      return res.status === 200 && ok(res.body) ? (res.body as RiskBody) : undefined;
    });

  it('scores a new enterprise, explains it, and re-scores within seconds when a record arrives', async () => {
    const uscc = newUscc('330106');
    await putEnterprise(uscc);
    await addRecord(uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 });
    const first = await riskWhen(
      uscc,
      (r) => r.factors.find((f) => f.code === 'D1')?.points === 20,
    );
    expect(first.score).toBe(
      Math.min(1000, Math.max(0, 700 + first.factors.reduce((s, f) => s + f.points, 0))),
    );
    expect(first.tier).toBe('A');
    const read = await risk(uscc).expect(200);
    expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(read.text).toBe(JSON.stringify(read.body));
    expect(first.asOf).toBe('2026-06-15');
    expect(first.modelVersion).toBe('samr-general-v1');
    expect(first.modelHash).toMatch(/^[0-9a-f]{64}$/);
    const b1 = first.factors.find((f) => f.code === 'B1')!;
    expect(b1).toMatchObject({ category: 'basic', points: 20 });
    expect(b1.label.zh).toBeTruthy();
    expect(b1.label.en).toBeTruthy();

    // Within seconds: riskWhen fails past its 10 s deadline (a timeout, not a speed claim;
    // latency is measured by bench/rescore).
    const listing = await addRecord(uscc, {
      kind: 'SERIOUS_DISHONESTY_LISTING',
      occurredOn: '2026-06-01',
      reason: '提交虚假材料',
    });
    const after = await riskWhen(uscc, (r) => r.tier === 'D');
    expect(after.vetoes.map((v) => v.code)).toContain('SERIOUS_DISHONESTY_LIST');
    expect(
      after.vetoes.flatMap((v) => (v as unknown as { recordIds: number[] }).recordIds),
    ).toContain(listing.id);
  });

  it('keeps history (no row for an unchanged assessment) and answers ?at= with the tier in force then', async () => {
    const uscc = newUscc('330106');
    await putEnterprise(uscc);
    await addRecord(uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 });
    // Filed early for 2025, so it is on time at both as-of dates below.
    await addRecord(uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2026-05-01', year: 2025 });
    await riskWhen(uscc, (r) => r.tier === 'A');
    await queueDrained(worker);

    t.clock.set('2026-07-01T02:00:00.000Z');
    try {
      const penalty = await addRecord(uscc, {
        kind: 'PENALTY',
        occurredOn: '2026-06-30',
        severity: 'SERIOUS',
        amount: '50000',
        violationType: '虚假宣传',
        documentNo: '杭西市监处罚〔2026〕88号',
      });
      const after = await riskWhen(
        uscc,
        (r) => r.factors.find((f) => f.code === 'R1')?.recordIds.includes(penalty.id) ?? false,
      );
      expect(['B', 'C', 'D']).toContain(after.tier);

      const historyOf = () =>
        t.http().get(`/api/v1/enterprises/${uscc}/risk/history`).set(auth(regulator)).expect(200);
      const before = (await historyOf()).body;
      expect(before.items[0]).toMatchObject({ asOf: '2026-07-01', tier: after.tier });
      expect(before.items[1]).toMatchObject({ asOf: '2026-06-15', tier: 'A' });

      // A write that changes nothing the model reads: re-scored, but no new history row.
      await t
        .http()
        .put(`/api/v1/enterprises/${uscc}/persons`)
        .set(auth(admin))
        .send({ persons: [] })
        .expect(200);
      await queueDrained(worker);
      expect((await historyOf()).body.total).toBe(before.total);

      const atJune = await t
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk/history?at=2026-06-20`)
        .set(auth(regulator))
        .expect(200);
      expect(atJune.body.tier).toBe('A');
      const atJuly = await t
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk/history?at=2026-07-01`)
        .set(auth(regulator))
        .expect(200);
      expect(atJuly.body.tier).toBe(after.tier);
      await t
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk/history?at=2026-01-01`)
        .set(auth(regulator))
        .expect(404);
      await t
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk/history?at=2026-02-30`)
        .set(auth(regulator))
        .expect(400);

      // What-if: the same enterprise without the penalty ("if it were repaired").
      const sim = await t
        .http()
        .post('/api/v1/risk/simulate')
        .set(auth(regulator))
        .send({ uscc, without: [penalty.id] })
        .expect(200);
      expect(sim.body).toMatchObject({
        tier: 'A',
        simulated: true,
        baseline: { tier: after.tier, score: after.score },
      });
      const other = await t
        .http()
        .post('/api/v1/risk/simulate')
        .set(auth(regulator))
        .send({ uscc, modelVersion: 'samr-general-v2-draft', asOf: '2027-01-01' })
        .expect(200);
      expect(other.body).toMatchObject({
        modelVersion: 'samr-general-v2-draft',
        asOf: '2027-01-01',
      });
      await t
        .http()
        .post('/api/v1/risk/simulate')
        .set(auth(regulator))
        .send({ uscc, modelVersion: 'nope' })
        .expect(404);
      await t
        .http()
        .post('/api/v1/risk/simulate')
        .set(auth(regulator))
        .send({ uscc, without: [999999999] })
        .expect(422);
      // Nothing simulated was stored.
      const still = await risk(uscc).expect(200);
      expect(still.body.tier).toBe(after.tier);
    } finally {
      t.clock.set('2026-06-15T02:00:00.000Z');
    }
  });

  it('lists and summarises tiers within the jurisdiction only', async () => {
    const inside = newUscc('330110');
    const outside = newUscc('310101');
    await putEnterprise(inside, { regionCode: '330110' });
    await putEnterprise(outside, { regionCode: '310101' });
    await riskWhen(inside, () => true);
    await eventually(async () => ((await risk(outside, admin)).status === 200 ? true : undefined));

    const list = await t
      .http()
      .get('/api/v1/risk?region=330110&pageSize=500')
      .set(auth(regulator))
      .expect(200);
    const usccs = list.body.items.map((i: { uscc: string }) => i.uscc);
    expect(usccs).toContain(inside);
    expect(
      list.body.items.every((i: { regionCode: string }) => i.regionCode.startsWith('330110')),
    ).toBe(true);

    const wide = await t.http().get('/api/v1/risk?pageSize=500').set(auth(regulator)).expect(200);
    expect(wide.body.items.map((i: { uscc: string }) => i.uscc)).not.toContain(outside);
    // A region outside the jurisdiction cannot widen it.
    const escape = await t.http().get('/api/v1/risk?region=31').set(auth(regulator)).expect(200);
    expect(escape.body.total).toBe(0);

    const summary = await t
      .http()
      .get('/api/v1/risk/summary?region=330110')
      .set(auth(regulator))
      .expect(200);
    expect(summary.body.total).toBe(
      Object.values(summary.body.byTier as Record<string, number>).reduce((a, b) => a + b, 0),
    );
    expect(summary.body.total).toBeGreaterThanOrEqual(1);
    const filtered = await t
      .http()
      .get(`/api/v1/risk?tier=${list.body.items[0].tier}&region=330110`)
      .set(auth(regulator))
      .expect(200);
    expect(
      filtered.body.items.every((i: { tier: string }) => i.tier === list.body.items[0].tier),
    ).toBe(true);
  });

  it('refuses enterprises (403) on every risk route and hides out-of-region enterprises (404)', async () => {
    const uscc = newUscc('330106');
    await putEnterprise(uscc);
    await riskWhen(uscc, () => true);
    const self = await t.token({ role: 'enterprise', uscc });
    await risk(uscc, self).expect(403);
    await t.http().get(`/api/v1/enterprises/${uscc}/risk/history`).set(auth(self)).expect(403);
    await t.http().get('/api/v1/risk').set(auth(self)).expect(403);
    await t.http().get('/api/v1/risk/summary').set(auth(self)).expect(403);
    await t.http().post('/api/v1/risk/simulate').set(auth(self)).send({ uscc }).expect(403);

    const elsewhere = await t.token({ role: 'regulator', region: '44' });
    await risk(uscc, elsewhere).expect(404);
    await t.http().get(`/api/v1/enterprises/${uscc}/risk/history`).set(auth(elsewhere)).expect(404);
    await t.http().post('/api/v1/risk/simulate').set(auth(elsewhere)).send({ uscc }).expect(404);
    const unknown = await risk(newUscc('330106')).expect(404);
    // The risk read has a serializer of its own (assessment-json.ts); errors keep the error shape.
    expect(unknown.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
