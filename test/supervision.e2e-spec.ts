import { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';
import { enterpriseBody, newUscc } from './support/fixtures';

interface Trigger {
  on: string;
  tier?: string;
  zh: string;
  en: string;
  recordIds?: number[];
}
interface Measure {
  id: string;
  kind: string;
  zh: string;
  en: string;
  basis: { id: string; zh: string; en: string }[];
  triggers: Trigger[];
}
interface Drawn {
  position: number;
  uscc: string;
  name: string;
  regionCode: string;
  tier: string;
  inspectors: { id: number; name: string }[];
}
interface Verification {
  planId: number;
  match: boolean;
  seed: string;
  seedSource: string | null;
  populationDigest: string;
  recomputedPopulationDigest: string;
  population: Record<string, number>;
  counts: Record<string, number>;
  drawn: number;
  mismatches: { code: string; message: string }[];
}
interface Plan {
  id: number;
  name: string;
  region: string;
  seed: string;
  seedSource: 'server' | 'caller' | null;
  algorithm: string;
  ratios: Record<string, number>;
  ratioRanges: Record<string, { min: number; max: number }> | null;
  population: Record<string, number>;
  populationDigest: string | null;
  counts: Record<string, number>;
  totals: { population: number; drawn: number };
  drawn: Drawn[];
}

/** Districts used only by this file, so other suites' enterprises never enter its draws. */
const REGION = '330122';
const SMALL_REGION = '330127';
const SERIOUS = {
  kind: 'SERIOUS_DISHONESTY_LISTING',
  occurredOn: '2026-06-01',
  reason: '提交虚假材料',
};
const ABNORMAL = {
  kind: 'ABNORMAL_LISTING',
  occurredOn: '2026-05-20',
  reason: '通过登记的住所无法联系',
};
const ANNUAL_REPORT = { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 };

describe('supervision: measures, inspectors and 双随机 inspection plans (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  let regulator: string;

  /** The population of REGION, by expected tier. */
  const tierA: string[] = [];
  const revoked: string[] = [];
  const seriousListed: string[] = [];
  const abnormalListed: string[] = [];
  let cancelled: string;
  let conflictedInspectors: number[] = [];
  let pool: number[] = [];

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const putEnterprise = (uscc: string, overrides: Record<string, unknown> = {}) =>
    t
      .http()
      .put(`/api/v1/enterprises/${uscc}`)
      .set(auth(admin))
      .send(enterpriseBody({ regionCode: uscc.slice(2, 8), ...overrides }))
      .expect(201);
  const addRecord = (uscc: string, body: object) => t.addRecord(uscc, body);
  const enterprise = async (region: string, status = 'ACTIVE', ...records: object[]) => {
    const uscc = newUscc(region);
    await putEnterprise(uscc, { status, name: `测试企业${uscc.slice(-6)}` });
    for (const r of [ANNUAL_REPORT, ...records]) await addRecord(uscc, r);
    return uscc;
  };
  const addInspector = async (name: string, regionCode: string, active = true) =>
    (
      await t
        .http()
        .post('/api/v1/inspectors')
        .set(auth(admin))
        .send({ name, regionCode, active })
        .expect(201)
    ).body as { id: number; name: string; regionCode: string; active: boolean };
  const declareConflict = (inspectorId: number, uscc: string, reason = '亲属在该企业任职') =>
    t
      .http()
      .post(`/api/v1/inspectors/${inspectorId}/conflicts`)
      .set(auth(admin))
      .send({ uscc, reason });
  const createPlan = (body: object, token = regulator) =>
    t.http().post('/api/v1/inspection-plans').set(auth(token)).send(body);
  const verifyPlan = (id: number, token = regulator) =>
    t.http().post(`/api/v1/inspection-plans/${id}/verify`).set(auth(token));
  const measuresOf = async (uscc: string) =>
    (await t.http().get(`/api/v1/enterprises/${uscc}/measures`).set(auth(regulator)).expect(200))
      .body as { tier: string; situation: Record<string, unknown>; measures: Measure[] };
  const summary = async (region: string) =>
    (await t.http().get(`/api/v1/risk/summary?region=${region}`).set(auth(regulator)).expect(200))
      .body as { total: number; byTier: Record<string, number> };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    regulator = await t.token({ role: 'regulator', region: '3301' });

    for (let i = 0; i < 10; i++) tierA.push(await enterprise(REGION));
    for (let i = 0; i < 3; i++) revoked.push(await enterprise(REGION, 'REVOKED'));
    for (let i = 0; i < 3; i++) seriousListed.push(await enterprise(REGION, 'ACTIVE', SERIOUS));
    for (let i = 0; i < 3; i++) abnormalListed.push(await enterprise(REGION, 'ACTIVE', ABNORMAL));
    // Would be D if it counted; CANCELLED enterprises are outside every draw.
    cancelled = await enterprise(REGION, 'CANCELLED', SERIOUS);
    await queueDrained(worker);
    await eventually(async () => {
      const s = await summary(REGION);
      return s.byTier.A === 10 && s.byTier.C === 3 && s.byTier.D === 6 && s.total === 19
        ? true
        : undefined;
    }, 30_000);

    const inspectors = [];
    for (const name of ['王建国', '李敏', '张伟', '刘洋', '陈静']) {
      inspectors.push(await addInspector(name, REGION));
    }
    pool = inspectors.map((i) => i.id);
    // Never eligible for REGION: another district's pool, and an inactive inspector.
    await addInspector('赵磊', '330110');
    await addInspector('孙丽', REGION, false);
    // Two inspectors conflicted with an enterprise every plan below draws (D at ratio 1).
    conflictedInspectors = [pool[0], pool[1]];
    for (const id of conflictedInspectors) {
      await declareConflict(id, seriousListed[0].toLowerCase()).expect(201);
    }
  }, 180_000);

  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('documents every supervision route in the served OpenAPI', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    };
    const routes: [string, string][] = [
      ['/api/v1/enterprises/{uscc}/measures', 'get'],
      ['/api/v1/inspection-plans', 'post'],
      ['/api/v1/inspection-plans', 'get'],
      ['/api/v1/inspection-plans/{id}', 'get'],
      ['/api/v1/inspection-plans/{id}/export.csv', 'get'],
      ['/api/v1/inspection-plans/{id}/verify', 'post'],
      ['/api/v1/inspectors', 'post'],
      ['/api/v1/inspectors', 'get'],
      ['/api/v1/inspectors/{id}/conflicts', 'post'],
    ];
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.tags).toContain('supervision');
      expect(op.summary).toBeTruthy();
    }
  });

  describe('GET /enterprises/:uscc/measures', () => {
    it('gives an A enterprise the incentives of tier A and no punishment', async () => {
      const body = await measuresOf(tierA[0]);
      expect(body.tier).toBe('A');
      const ids = body.measures.map((m) => m.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'a-lower-sampling',
          'a-no-disturbance',
          'a-green-channel',
          'a-incomplete-acceptance',
        ]),
      );
      expect(body.measures.some((m) => m.kind === 'PUNISHMENT')).toBe(false);
      for (const m of body.measures) {
        expect(m.triggers).toEqual([expect.objectContaining({ on: 'tier', tier: 'A' })]);
        expect(m.zh).toBeTruthy();
        expect(m.basis.length).toBeGreaterThan(0);
      }
    });

    it('gives a D enterprise (revoked, not listed) strict supervision but no joint punishment', async () => {
      const body = await measuresOf(revoked[0]);
      expect(body.tier).toBe('D');
      const ids = body.measures.map((m) => m.id);
      expect(ids).toEqual(expect.arrayContaining(['d-strict-supervision', 'd-on-site-inspection']));
      expect(ids.filter((id) => id.startsWith('sd-') || id.startsWith('a-'))).toEqual([]);
    });

    it('applies joint punishment to a serious-dishonesty listing, triggered by the list itself', async () => {
      const listing = await addRecord(seriousListed[1], {
        ...SERIOUS,
        occurredOn: '2026-06-10',
        reason: '隐瞒真实情况、弄虚作假',
      });
      await queueDrained(worker);
      const body = await eventually(async () => {
        const b = await measuresOf(seriousListed[1]);
        const trigger = b.measures
          .find((m) => m.id === 'sd-procurement-restriction')
          ?.triggers.find((x) => x.on === 'seriousDishonestyList');
        return trigger?.recordIds?.includes(listing.id) ? b : undefined;
      });
      expect(body.situation).toMatchObject({ onSeriousDishonestyList: true });
      const punishments = body.measures.filter((m) => m.id.startsWith('sd-'));
      expect(punishments.map((m) => m.id)).toEqual(
        expect.arrayContaining([
          'sd-licensing-restriction',
          'sd-procurement-restriction',
          'sd-bidding-restriction',
          'sd-subsidy-restriction',
          'sd-honours-ban',
          'sd-credit-restriction',
          'sd-no-commitment-approval',
        ]),
      );
      // Whatever the tier: the list, not the tier, is what triggered them.
      for (const m of punishments) {
        expect(m.triggers.map((x) => x.on)).toEqual(['seriousDishonestyList']);
      }
      expect(body.measures.some((m) => m.id.startsWith('a-'))).toBe(false);
    });

    it('applies the abnormal-list restrictions to a listed enterprise', async () => {
      const body = await measuresOf(abnormalListed[0]);
      expect(body.tier).toBe('C');
      expect(body.measures.map((m) => m.id)).toEqual(
        expect.arrayContaining(['c-key-attention', 'al-restrictions']),
      );
    });

    it('is for regulators: enterprises get 403, other jurisdictions 404', async () => {
      const self = await t.token({ role: 'enterprise', uscc: tierA[0] });
      await t.http().get(`/api/v1/enterprises/${tierA[0]}/measures`).set(auth(self)).expect(403);
      const elsewhere = await t.token({ role: 'regulator', region: '44' });
      await t
        .http()
        .get(`/api/v1/enterprises/${tierA[0]}/measures`)
        .set(auth(elsewhere))
        .expect(404);
      await t.http().get(`/api/v1/enterprises/${tierA[0]}/measures`).set(auth(admin)).expect(200);
      await t
        .http()
        .get(`/api/v1/enterprises/${newUscc(REGION)}/measures`)
        .set(auth(regulator))
        .expect(404);
    });
  });

  describe('inspection plans', () => {
    let drawn: Plan | undefined;
    /** The plan the tests below read: drawn by whichever test needs it first, so each runs alone. */
    const tongluPlan = async (): Promise<Plan> =>
      (drawn ??= (
        await createPlan({
          name: '2026年第三季度桐庐县双随机抽查',
          region: REGION,
          seed: 'e2e-tonglu-2026-q3',
        }).expect(201)
      ).body as Plan);

    it('draws a plan stratified by tier from the jurisdiction, with two inspectors each', async () => {
      const plan = await tongluPlan();
      expect(plan).toMatchObject({
        id: expect.any(Number),
        region: REGION,
        seed: 'e2e-tonglu-2026-q3',
        algorithm: expect.stringMatching(/^crs-stratified-v2/),
        ratios: { A: 0.05, B: 0.1, C: 0.4, D: 0.8 },
        // The 3 REVOKED (tier D) and the CANCELLED enterprise are not in the population.
        population: { A: 10, B: 0, C: 3, D: 3 },
        // A rounds down: 10 × 5% = 0.5 → 0. C rounds up, inside 21–60%: 3 × 40% = 1.2 → 2
        // would be 67%, so 1. D rounds up: 3 × 80% = 2.4 → 3.
        counts: { A: 0, B: 0, C: 1, D: 3 },
        totals: { population: 16, drawn: 4 },
      });
      expect(plan.drawn).toHaveLength(4);
      const expectedTier = (uscc: string) =>
        tierA.includes(uscc) ? 'A' : abnormalListed.includes(uscc) ? 'C' : 'D';
      for (const d of plan.drawn) {
        expect(d.regionCode.startsWith(REGION)).toBe(true);
        expect(d.tier).toBe(expectedTier(d.uscc));
        expect(d.name).toBe(`测试企业${d.uscc.slice(-6)}`);
      }
      expect(new Set(plan.drawn.map((d) => d.uscc)).size).toBe(4);
      expect(
        plan.drawn
          .filter((d) => d.tier === 'D')
          .map((d) => d.uscc)
          .sort(),
      ).toEqual([...seriousListed].sort());
      expect(plan.drawn.map((d) => d.position)).toEqual([1, 2, 3, 4]);
    });

    it('never draws a REVOKED or CANCELLED enterprise, even at ratio 1 with a stale current tier', async () => {
      const db = t.app.get(DataSource);
      const [{ id: cancelledId }] = await db.query('SELECT id FROM enterprises WHERE uscc = ?', [
        cancelled,
      ]);
      // A CANCELLED enterprise loses its current tier when re-scored; this row is one that
      // survived (a rescore not yet run), rated D like the listing it carries.
      await db.query(
        `INSERT INTO current_assessments (enterprise_id, region_code, tier, score, model_version,
           model_hash, as_of, next_review_on, fingerprint, factors, vetoes, assessed_at)
         SELECT ?, c.region_code, 'D', c.score, c.model_version, c.model_hash, c.as_of,
                c.next_review_on, c.fingerprint, c.factors, c.vetoes, c.assessed_at
           FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
          WHERE e.uscc = ?`,
        [cancelledId, seriousListed[2]],
      );
      try {
        const plan: Plan = (
          await createPlan({
            name: '全部D级',
            region: REGION,
            seed: 'all-d',
            ratios: { D: 1 },
          }).expect(201)
        ).body;
        expect(plan.population.D).toBe(3);
        expect(plan.counts.D).toBe(3);
        const usccs = plan.drawn.map((d) => d.uscc);
        expect(usccs).not.toContain(cancelled);
        for (const r of revoked) expect(usccs).not.toContain(r);
        expect(usccs).toEqual(expect.arrayContaining(seriousListed));
      } finally {
        await db.query('DELETE FROM current_assessments WHERE enterprise_id = ?', [cancelledId]);
      }
    });

    it('assigns two distinct pool inspectors to each enterprise, never a conflicted one', async () => {
      const res = await createPlan({
        name: '全覆盖',
        region: REGION,
        seed: 42,
        ratios: { D: 1, C: 0.6 },
      }).expect(201);
      const full: Plan = res.body;
      expect(full.seed).toBe('42');
      // C: 3 × 60% = 1.8 rounds up to 2, which is 67% of 3, above the 60% maximum: 1.
      expect(full.counts).toMatchObject({ C: 1, D: 3 });
      expect(full.drawn.map((d) => d.uscc)).toContain(seriousListed[0]);
      for (const d of full.drawn) {
        const ids = d.inspectors.map((i) => i.id);
        expect(ids).toHaveLength(2);
        expect(ids[0]).not.toBe(ids[1]);
        for (const id of ids) expect(pool).toContain(id);
        if (d.uscc === seriousListed[0]) {
          for (const id of ids) expect(conflictedInspectors).not.toContain(id);
        }
      }
      expect(full.drawn.map((d) => d.uscc)).not.toContain(cancelled);
    });

    it('draws the same list and inspectors again from the same seed over the same population', async () => {
      const plan = await tongluPlan();
      const again: Plan = (
        await createPlan({ name: '复核', region: REGION, seed: 'e2e-tonglu-2026-q3' }).expect(201)
      ).body;
      expect(again.id).not.toBe(plan.id);
      expect(again.drawn).toEqual(plan.drawn);
      // No seed given: one is generated, stored and returned, and replays the same draw.
      const fresh: Plan = (await createPlan({ name: '随机种子', region: REGION }).expect(201)).body;
      expect(fresh.seed).toMatch(/^[0-9a-f]{32}$/);
      const replay: Plan = (
        await createPlan({ name: '重放', region: REGION, seed: fresh.seed }).expect(201)
      ).body;
      expect(replay.drawn).toEqual(fresh.drawn);
      // Who chose the seed is part of the record: the same seed typed in is the caller's.
      expect(fresh.seedSource).toBe('server');
      expect(replay.seedSource).toBe('caller');
      expect(again.seedSource).toBe('caller');
    });

    it('retrieves a stored plan unchanged, within the jurisdiction only', async () => {
      const plan = await tongluPlan();
      const got = await t
        .http()
        .get(`/api/v1/inspection-plans/${plan.id}`)
        .set(auth(regulator))
        .expect(200);
      expect(got.body).toEqual(plan);
      const district = await t.token({ role: 'regulator', region: REGION });
      await t.http().get(`/api/v1/inspection-plans/${plan.id}`).set(auth(district)).expect(200);
      await t.http().get(`/api/v1/inspection-plans/${plan.id}`).set(auth(admin)).expect(200);
      // The padded spellings of 杭州市 and 浙江省 are the same jurisdictions: plan and export visible.
      for (const region of ['330100', '330000']) {
        const padded = await t.token({ role: 'regulator', region });
        await t.http().get(`/api/v1/inspection-plans/${plan.id}`).set(auth(padded)).expect(200);
        const csv = await t
          .http()
          .get(`/api/v1/inspection-plans/${plan.id}/export.csv`)
          .set(auth(padded))
          .expect(200);
        expect(csv.text).toContain(plan.drawn[0].uscc);
      }

      // Outside the region: 404, never 403, for the plan and its export.
      for (const region of ['44', '330106']) {
        const other = await t.token({ role: 'regulator', region });
        await t.http().get(`/api/v1/inspection-plans/${plan.id}`).set(auth(other)).expect(404);
        await t
          .http()
          .get(`/api/v1/inspection-plans/${plan.id}/export.csv`)
          .set(auth(other))
          .expect(404);
      }
      await t.http().get('/api/v1/inspection-plans/99999999').set(auth(regulator)).expect(404);

      const list = await t
        .http()
        .get(`/api/v1/inspection-plans?region=${REGION}`)
        .set(auth(regulator))
        .expect(200);
      expect(list.body.items.map((p: Plan) => p.id)).toContain(plan.id);
      expect(list.body.items[0].drawn).toBeUndefined();
      const outside = await t
        .http()
        .get('/api/v1/inspection-plans')
        .set(auth(await t.token({ role: 'regulator', region: '44' })))
        .expect(200);
      expect(outside.body.total).toBe(0);
    });

    it('keeps the population drawn from: its SHA-256 over canonical USCC,TIER lines in registration order', async () => {
      const plan = await tongluPlan();
      // Created in this order (ids ascending); REVOKED and CANCELLED ones are not in it.
      const canonical = [
        ...tierA.map((u) => `${u},A\n`),
        ...seriousListed.map((u) => `${u},D\n`),
        ...abnormalListed.map((u) => `${u},C\n`),
      ].join('');
      expect(plan.populationDigest).toBe(createHash('sha256').update(canonical).digest('hex'));
      expect(plan.ratioRanges).toEqual({
        A: { min: 0, max: 0.05 },
        B: { min: 0.05, max: 0.2 },
        C: { min: 0.21, max: 0.6 },
        D: { min: 0.61, max: 1 },
      });
      expect(plan.seedSource).toBe('caller');
    });

    it('POST /inspection-plans/:id/verify re-runs the draw from the stored population and matches', async () => {
      const plan = await tongluPlan();
      const res = await verifyPlan(plan.id).expect(200);
      const v: Verification = res.body;
      expect(v).toEqual({
        planId: plan.id,
        match: true,
        algorithm: plan.algorithm,
        seed: 'e2e-tonglu-2026-q3',
        seedSource: 'caller',
        populationDigest: plan.populationDigest,
        recomputedPopulationDigest: plan.populationDigest,
        population: plan.population,
        counts: plan.counts,
        drawn: plan.drawn.length,
        mismatches: [],
      });
      // Same jurisdiction rule as GET: 404 outside, 403 for enterprises, admins see all.
      await verifyPlan(plan.id, await t.token({ role: 'regulator', region: '330106' })).expect(404);
      await verifyPlan(plan.id, await t.token({ role: 'enterprise', uscc: tierA[0] })).expect(403);
      await verifyPlan(plan.id, admin).expect(200);
      await verifyPlan(99999999).expect(404);
    });

    it('verify catches a stored population or drawn list changed after the draw', async () => {
      const db = t.app.get(DataSource);
      const plan: Plan = (
        await createPlan({
          name: '篡改检查',
          region: REGION,
          seed: 'tamper',
          ratios: { D: 1 },
        }).expect(201)
      ).body;
      expect((await verifyPlan(plan.id).expect(200)).body.match).toBe(true);

      // An A enterprise moved to D in the kept population, the digest left as it was.
      const altered = [
        ...tierA.map((u, i) => `${u},${i === 0 ? 'D' : 'A'}\n`),
        ...seriousListed.map((u) => `${u},D\n`),
        ...abnormalListed.map((u) => `${u},C\n`),
      ].join('');
      await db.query(
        'UPDATE inspection_plan_population_parts SET gz = ? WHERE plan_id = ? AND part = 0',
        [gzipSync(altered), plan.id],
      );
      const population: Verification = (await verifyPlan(plan.id).expect(200)).body;
      expect(population.match).toBe(false);
      expect(population.populationDigest).toBe(plan.populationDigest);
      expect(population.recomputedPopulationDigest).not.toBe(plan.populationDigest);
      expect(population.mismatches.map((m) => m.code)).toEqual(
        expect.arrayContaining(['POPULATION_DIGEST_DIFFERS', 'POPULATION_SIZES_DIFFER']),
      );

      // A drawn enterprise swapped for one the seed did not draw.
      const second: Plan = (
        await createPlan({
          name: '名单检查',
          region: REGION,
          seed: 'swap',
          ratios: { D: 1 },
        }).expect(201)
      ).body;
      const notDrawn = tierA.find((u) => !second.drawn.some((d) => d.uscc === u));
      const victim = second.drawn.find((d) => d.tier === 'D');
      await db.query(
        'UPDATE inspection_plan_items SET uscc = ?, tier = ? WHERE plan_id = ? AND uscc = ?',
        [notDrawn, 'A', second.id, victim?.uscc],
      );
      const list: Verification = (await verifyPlan(second.id).expect(200)).body;
      expect(list.match).toBe(false);
      expect(list.mismatches).toEqual([expect.objectContaining({ code: 'DRAWN_LIST_DIFFERS' })]);
    });

    it('verify refuses a plan drawn before populations were kept: 409 PLAN_HAS_NO_POPULATION_SNAPSHOT', async () => {
      const db = t.app.get(DataSource);
      // A plan as stored before migration 1764411000000: no digest, ranges or seed source.
      const { insertId } = await db.query(
        `INSERT INTO inspection_plans (name, region, seed, algorithm, ratios, population, counts,
           population_total, drawn_total, created_by, created_at)
         VALUES ('迁移前的计划', ?, 'legacy', 'crs-stratified-v1: sha256-sfc32, floyd, round-half-up',
           '{"A":0.05,"B":0.1,"C":0.4,"D":0.8}', '{"A":0,"B":0,"C":0,"D":0}',
           '{"A":0,"B":0,"C":0,"D":0}', 0, 0, 'regulator-test', '2026-03-01 08:00:00')`,
        [REGION],
      );
      const legacy = Number(insertId);
      const res = await verifyPlan(legacy).expect(409);
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'PLAN_HAS_NO_POPULATION_SNAPSHOT', planId: legacy }),
      ]);
      const got = await t.http().get(`/api/v1/inspection-plans/${legacy}`).set(auth(regulator));
      expect(got.body).toMatchObject({
        seedSource: null,
        populationDigest: null,
        ratioRanges: null,
      });
    });

    it('lists every plan of a region and period, re-draws and their seed source included', async () => {
      const plan = await tongluPlan();
      const redraw: Plan = (
        await createPlan({ name: '再抽一次', region: REGION, seed: 'another-try' }).expect(201)
      ).body;
      const list = async (query: string) =>
        (
          await t
            .http()
            .get(`/api/v1/inspection-plans?region=${REGION}&pageSize=500&${query}`)
            .set(auth(regulator))
            .expect(200)
        ).body as { items: Plan[]; total: number; page: number; pageSize: number };

      // TEST_NOW is 2026-06-15: every plan drawn by this file is in June.
      const june = await list('from=2026-06-01&to=2026-06-30');
      const ids = june.items.map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining([plan.id, redraw.id]));
      expect(june.total).toBe(june.items.length);
      expect(june.items.find((p) => p.id === redraw.id)).toMatchObject({
        seed: 'another-try',
        seedSource: 'caller',
        populationDigest: plan.populationDigest,
      });
      expect(june.items.every((p) => p.region.startsWith(REGION))).toBe(true);
      // `to` is exclusive of the next day; a date covers the whole day.
      expect((await list('from=2026-06-15&to=2026-06-15')).total).toBe(june.total);
      expect((await list('from=2026-06-16')).total).toBe(0);
      expect((await list('to=2026-06-14')).items.map((p) => p.id)).not.toContain(plan.id);
      await t
        .http()
        .get('/api/v1/inspection-plans?from=15/06/2026')
        .set(auth(regulator))
        .expect(400);
    });

    it('exports the drawn list as CSV with a BOM, for Excel', async () => {
      const plan = await tongluPlan();
      const res = await t
        .http()
        .get(`/api/v1/inspection-plans/${plan.id}/export.csv`)
        .set(auth(regulator))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toContain(`inspection-plan-${plan.id}.csv`);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'position,uscc,name,regionCode,tier,inspector1Id,inspector1Name,inspector2Id,inspector2Name',
      );
      expect(lines).toHaveLength(plan.drawn.length + 1);
      const first = plan.drawn[0];
      expect(lines[1]).toBe(
        [
          1,
          first.uscc,
          first.name,
          first.regionCode,
          first.tier,
          first.inspectors[0].id,
          first.inspectors[0].name,
          first.inspectors[1].id,
          first.inspectors[1].name,
        ].join(','),
      );
    });

    it('refuses ratios outside the allowed ranges with 422 naming each tier', async () => {
      const res = await createPlan({
        name: '越界',
        region: REGION,
        ratios: { A: 0.5, C: 0.2, D: 0.8 },
      }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(res.body.details).toEqual([
        expect.objectContaining({ code: 'RATIO_OUT_OF_RANGE', tier: 'A', min: 0, max: 0.05 }),
        expect.objectContaining({ code: 'RATIO_OUT_OF_RANGE', tier: 'C', min: 0.21, max: 0.6 }),
      ]);
      expect(res.body.message).toContain('tier A');
      const unknown = await createPlan({ name: 'x', ratios: { E: 0.1, B: 0.12345 } }).expect(422);
      expect(unknown.body.details.map((d: { code: string }) => d.code)).toEqual([
        'UNKNOWN_TIER',
        'RATIO_TOO_PRECISE',
      ]);
    });

    it('validates the body: 400 for bad fields and unknown ones', async () => {
      const bad = await createPlan({ name: '', region: '3', seed: ' padded', extra: 1 }).expect(
        400,
      );
      const fields = bad.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'region', 'seed', 'extra']));
      await createPlan({ name: 'x', seed: -1 }).expect(400);
      await createPlan({ name: 'x', ratios: [0.1] }).expect(400);
    });

    it('refuses a region outside the jurisdiction (422) and enterprises on every route (403)', async () => {
      const plan = await tongluPlan();
      const res = await createPlan({ name: '越权', region: '31' }).expect(422);
      expect(res.body.details[0]).toMatchObject({ code: 'REGION_OUTSIDE_JURISDICTION' });

      const self = await t.token({ role: 'enterprise', uscc: tierA[0] });
      await createPlan({ name: 'x' }, self).expect(403);
      await createPlan({ name: 'x' }, admin).expect(403);
      await t.http().get(`/api/v1/inspection-plans/${plan.id}`).set(auth(self)).expect(403);
      await t.http().get('/api/v1/inspection-plans').set(auth(self)).expect(403);
      await t
        .http()
        .get(`/api/v1/inspection-plans/${plan.id}/export.csv`)
        .set(auth(self))
        .expect(403);
      await t.http().get('/api/v1/inspectors').set(auth(self)).expect(403);
      await t
        .http()
        .post('/api/v1/inspectors')
        .set(auth(regulator))
        .send({ name: 'x', regionCode: '3301' })
        .expect(403);
    });

    it('needs two eligible inspectors per drawn enterprise, else 422 naming it', async () => {
      const only = await enterprise(SMALL_REGION, 'ACTIVE', SERIOUS);
      await queueDrained(worker);
      await eventually(async () =>
        (await summary(SMALL_REGION)).byTier.D === 1 ? true : undefined,
      );
      const body = { name: '淳安县', region: SMALL_REGION, seed: 's', ratios: { D: 1 } };

      const empty = await createPlan(body).expect(422);
      expect(empty.body.details).toEqual([
        expect.objectContaining({ code: 'INSPECTOR_POOL_TOO_SMALL', poolSize: 0 }),
      ]);

      const a = await addInspector('周强', SMALL_REGION);
      const b = await addInspector('吴芳', '33');
      await declareConflict(a.id, only).expect(201);
      await declareConflict(a.id, only).expect(409);
      await declareConflict(99999999, only).expect(404);
      await declareConflict(a.id, '91110000600037341N').expect(400);
      const short = await createPlan(body).expect(422);
      expect(short.body.details).toEqual([
        expect.objectContaining({ code: 'INSPECTOR_SHORTAGE', uscc: only, eligible: 1 }),
      ]);

      const c = await addInspector('郑浩', SMALL_REGION);
      const ok: Plan = (await createPlan(body).expect(201)).body;
      expect(ok.drawn).toHaveLength(1);
      expect(ok.drawn[0].inspectors.map((i) => i.id).sort()).toEqual([b.id, c.id].sort());
    });

    it('lists inspectors: admins everything, regulators their jurisdiction', async () => {
      const all = await t
        .http()
        .get('/api/v1/inspectors?pageSize=500')
        .set(auth(admin))
        .expect(200);
      expect(all.body.total).toBeGreaterThanOrEqual(7);
      const district = await t
        .http()
        .get('/api/v1/inspectors?pageSize=500')
        .set(auth(await t.token({ role: 'regulator', region: REGION })))
        .expect(200);
      expect(
        district.body.items.every((i: { regionCode: string }) => i.regionCode.startsWith(REGION)),
      ).toBe(true);
      expect(district.body.items.map((i: { id: number }) => i.id)).toEqual(
        expect.arrayContaining(pool),
      );
    });
  });
});
