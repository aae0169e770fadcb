import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { restoreDefaultModel } from './support/active-model';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';
import { newUscc } from './support/fixtures';

/** A district used only by this file. */
const REGION = '330182';
const DAY = '2026-06-15'; // TEST_NOW's date: the draw and the inspections
const SERIOUS = {
  kind: 'SERIOUS_DISHONESTY_LISTING',
  occurredOn: '2026-03-01',
  reason: '提交虚假材料',
};
const ABNORMAL = { kind: 'ABNORMAL_LISTING', occurredOn: '2026-02-20', reason: '未按规定报送年报' };
const ANNUAL_REPORT = { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 };
const PENALTY = {
  kind: 'PENALTY',
  occurredOn: '2026-03-10',
  severity: 'MODERATE',
  amount: '20000.00',
  violationType: '虚假宣传',
  documentNo: '建市监处罚〔2026〕9号',
};

interface Item {
  position: number;
  uscc: string;
  tier: string;
  result: string | null;
}
interface Rate {
  inspected: number;
  problems: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}
interface Performance {
  modelVersion: string;
  asOf: string;
  sample: { enterprises: number; events: number };
  discrimination: {
    auc: number | null;
    aucLow: number | null;
    aucHigh: number | null;
    ks: number | null;
    gini: number | null;
  };
  roc: { tpr: number; fpr: number }[];
  byTier: { byTier: Record<string, Rate>; ordered: boolean };
  drawTime: { byTier: Record<string, Rate>; ordered: boolean };
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name} not in /metrics`);
  return Number(line.split(' ')[1]);
}

describe('closing the loop: inspection results, model performance, drift, four-eyes activation (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  let adminB: string;
  let regulator: string;
  const tierA: string[] = [];
  const tierC: string[] = [];
  const tierD: string[] = [];
  const penaltyOf = new Map<string, number>();
  let planId: number;
  let items: Item[];

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const enterprise = async (...records: object[]) => {
    const uscc = newUscc(REGION);
    await t.putEnterprise(uscc, { regionCode: REGION, name: `建德测试企业${uscc.slice(-6)}` });
    for (const r of [ANNUAL_REPORT, ...records]) await t.addRecord(uscc, r);
    return uscc;
  };
  const result = (uscc: string, body: object, token = regulator) =>
    t
      .http()
      .post(`/api/v1/inspection-plans/${planId}/items/${uscc}/result`)
      .set(auth(token))
      .send({ inspectedOn: DAY, documentNo: `建市监检〔2026〕${uscc.slice(-4)}号`, ...body });
  const progress = async () =>
    (
      await t
        .http()
        .get(`/api/v1/inspection-plans/${planId}/progress`)
        .set(auth(regulator))
        .expect(200)
    ).body as {
      total: number;
      done: number;
      closed: boolean;
      byTier: Record<string, { total: number; done: number }>;
      rates: { byTier: Record<string, Rate>; ordered: boolean };
    };
  const runToEnd = async (body: object) => {
    const { id } = (
      await t.http().post('/api/v1/reclassifications').set(auth(admin)).send(body).expect(202)
    ).body as { id: number };
    return eventually(
      async () => {
        const r = (await t.http().get(`/api/v1/reclassifications/${id}`).set(auth(admin))).body as {
          id: number;
          status: string;
        };
        return r.status === 'completed' ? r : undefined;
      },
      60_000,
      100,
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin', sub: 'admin-loop-a' });
    adminB = await t.token({ role: 'admin', sub: 'admin-loop-b' });
    regulator = await t.token({ role: 'regulator', region: '3301', sub: 'regulator-jiande' });
    for (let i = 0; i < 20; i++) tierA.push(await enterprise());
    for (let i = 0; i < 5; i++) tierC.push(await enterprise(ABNORMAL));
    for (let i = 0; i < 3; i++) tierD.push(await enterprise(SERIOUS));
    for (const uscc of tierD) penaltyOf.set(uscc, (await t.addRecord(uscc, PENALTY)).id);
    await queueDrained(worker);
    for (const name of ['周建', '吴芳', '郑强']) {
      await t
        .http()
        .post('/api/v1/inspectors')
        .set(auth(admin))
        .send({ name, regionCode: REGION })
        .expect(201);
    }
    await eventually(async () => {
      const s = (await t.http().get(`/api/v1/risk/summary?region=${REGION}`).set(auth(regulator)))
        .body as {
        byTier: Record<string, number>;
      };
      return s.byTier?.A === 20 && s.byTier.D === 3 ? true : undefined;
    }, 30_000);
    const plan = (
      await t
        .http()
        .post('/api/v1/inspection-plans')
        .set(auth(regulator))
        .send({
          name: '2026年建德市双随机抽查',
          region: REGION,
          seed: 'loop',
          ratios: { A: 0.05, B: 0.1, C: 0.6, D: 1 },
        })
        .expect(201)
    ).body as { id: number; drawn: Item[] };
    planId = plan.id;
    items = plan.drawn;
  }, 180_000);

  afterAll(async () => {
    await restoreDefaultModel(t.app.get(DataSource));
    await worker.close();
    await t.close();
  });

  it('records every result once, re-scores, proposes a listing for NOT_FOUND and closes the plan', async () => {
    const byTier = (tier: string) => items.filter((i) => i.tier === tier).map((i) => i.uscc);
    const [a] = byTier('A');
    const [c1, c2, c3] = byTier('C');
    const [d1, d2, d3] = byTier('D');
    expect([a, c1, c2, c3, d1, d2, d3].every(Boolean)).toBe(true);
    expect(items).toHaveLength(7);
    expect(await progress()).toMatchObject({ total: 7, done: 0, closed: false });

    // Bad input names the field; nothing is written.
    const noFindings = await result(a, { result: 'PROBLEM' }).expect(400);
    expect(JSON.stringify(noFindings.body)).toContain('findings');
    const early = await result(a, { result: 'PASS', inspectedOn: '2026-06-01' }).expect(400);
    expect(JSON.stringify(early.body)).toContain('inspectedOn');
    const future = await result(a, { result: 'PASS', inspectedOn: '2026-06-16' }).expect(400);
    expect(JSON.stringify(future.body)).toContain('inspectedOn');
    const foreign = await result(d1, {
      result: 'PROBLEM',
      findings: '虚假宣传',
      penaltyRecordId: penaltyOf.get(d1 === tierD[0] ? tierD[1] : tierD[0]),
    }).expect(400);
    expect(JSON.stringify(foreign.body)).toContain('penaltyRecordId');
    await result(newUscc(REGION), { result: 'PASS' }).expect(404);
    const outsider = await t.token({ role: 'regulator', region: '3302' });
    await result(a, { result: 'PASS' }, outsider).expect(404);
    expect((await progress()).done).toBe(0);

    const before = (
      await t.http().get(`/api/v1/enterprises/${d1}/risk`).set(auth(regulator)).expect(200)
    ).body as { score: number };
    const created = await result(d1, {
      result: 'PROBLEM',
      findings: '未按规定公示即时信息',
      penaltyRecordId: penaltyOf.get(d1),
    }).expect(201);
    expect(created.body).toMatchObject({
      item: { uscc: d1, result: 'PROBLEM', penaltyRecordId: penaltyOf.get(d1) },
      listingProposed: false,
    });
    const recordId = created.body.recordId as number;
    expect(recordId).toBeGreaterThan(0);
    // A second result for the same item is refused.
    await result(d1, { result: 'PASS' }).expect(409);
    // The INSPECTION record re-scores its enterprise: R4 counts it (-40) within seconds.
    const after = await eventually(async () => {
      const r = (await t.http().get(`/api/v1/enterprises/${d1}/risk`).set(auth(regulator)))
        .body as {
        score: number;
        factors: { code: string; recordIds: number[] }[];
      };
      return r.factors.find((f) => f.code === 'R4')?.recordIds.includes(recordId) ? r : undefined;
    });
    expect(after.score).toBeLessThan(before.score);
    const records = (
      await t
        .http()
        .get(`/api/v1/enterprises/${d1}/records?pageSize=100`)
        .set(auth(regulator))
        .expect(200)
    ).body as { items: { id: number; kind: string; result?: string }[] };
    expect(records.items.find((r) => r.id === recordId)).toMatchObject({
      kind: 'INSPECTION',
      result: 'PROBLEM',
    });

    await result(d2, { result: 'PROBLEM', findings: '虚假宣传' }).expect(201);
    await result(d3, { result: 'PASS' }).expect(201);
    await result(c1, { result: 'PROBLEM', findings: '未按规定报送年报' }).expect(201);
    const notFound = await result(c2, { result: 'NOT_FOUND' }).expect(201);
    expect(notFound.body.listingProposed).toBe(true);
    await result(c3, { result: 'PASS' }).expect(201);
    expect((await progress()).closed).toBe(false);
    await result(a, { result: 'PASS' }).expect(201);

    const done = await progress();
    expect(done).toMatchObject({ total: 7, done: 7, closed: true });
    expect(done.rates.byTier.A).toMatchObject({ inspected: 1, problems: 0, rate: 0 });
    expect(done.rates.byTier.D).toMatchObject({ inspected: 3, problems: 2 });
    expect(done.rates.byTier.D.rate).toBeCloseTo(2 / 3, 10);
    expect(done.rates.byTier.D.low!).toBeLessThan(2 / 3);
    expect(done.rates.byTier.D.high!).toBeGreaterThan(2 / 3);
    const plan = (
      await t.http().get(`/api/v1/inspection-plans/${planId}`).set(auth(regulator)).expect(200)
    ).body as { closedAt: string | null; drawn: Item[] };
    expect(plan.closedAt).toBe('2026-06-15T02:00:00.000Z');
    expect(plan.drawn.every((i) => i.result !== null)).toBe(true);

    // NOT_FOUND opened a listing proposal for the region's regulators; nothing was listed.
    const proposals = (
      await t
        .http()
        .get(`/api/v1/listing-proposals?region=${REGION}`)
        .set(auth(regulator))
        .expect(200)
    ).body as { items: { uscc: string; reason: string; inspectionRecordId: number }[] };
    expect(proposals.items).toEqual([
      expect.objectContaining({
        uscc: c2,
        reason: '通过登记的住所无法联系',
        inspectionRecordId: notFound.body.recordId,
      }),
    ]);
    const c2Records = (
      await t.http().get(`/api/v1/enterprises/${c2}/records?pageSize=100`).set(auth(regulator))
    ).body as { items: { kind: string }[] };
    expect(c2Records.items.filter((r) => r.kind === 'ABNORMAL_LISTING')).toHaveLength(1);
  });

  it('publishes the results without tier, score or inspector (CSV and JSON)', async () => {
    const json = (
      await t
        .http()
        .get(`/api/v1/inspection-plans/${planId}/results`)
        .set(auth(regulator))
        .expect(200)
    ).body as Record<string, unknown>[];
    expect(json).toHaveLength(7);
    const keys = [
      'name',
      'uscc',
      'inspectionItem',
      'result',
      'resultText',
      'inspectedOn',
      'documentNo',
      'authority',
    ];
    for (const line of json) {
      expect(Object.keys(line).sort()).toEqual([...keys].sort());
      expect(line.authority).toBe('浙江省杭州市建德市市场监督管理局');
      expect(line.inspectionItem).toBe('2026年建德市双随机抽查');
    }
    const csv = await t
      .http()
      .get(`/api/v1/inspection-plans/${planId}/results.csv`)
      .set(auth(regulator))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '企业名称,统一社会信用代码,抽查事项,检查结果,检查日期,检查文书编号,检查机关',
    );
    expect(lines).toHaveLength(8);
    const text = csv.text;
    expect(text).not.toMatch(/tier|score|inspector/i);
    for (const i of items) expect(text).not.toContain(`,${i.tier},`);
    for (const name of ['周建', '吴芳', '郑强']) expect(text).not.toContain(name);
    expect(text).toContain('通过登记的住所无法联系');
  });

  it('measures the active model against the outcomes: rates per tier and an AUC', async () => {
    await t
      .http()
      .get(`/api/v1/models/samr-general-v1/performance?region=${REGION}&from=${DAY}&to=${DAY}`)
      .set(auth(regulator))
      .expect(404);
    await t
      .http()
      .post('/api/v1/models/samr-general-v1/performance')
      .set(auth(regulator))
      .send({ region: REGION, from: DAY, to: DAY })
      .expect(202);
    const p = await eventually(
      async () => {
        const r = await t
          .http()
          .get(`/api/v1/models/samr-general-v1/performance?region=${REGION}&from=${DAY}&to=${DAY}`)
          .set(auth(regulator));
        return r.status === 200 ? (r.body as Performance) : undefined;
      },
      30_000,
      100,
    );
    expect(p.asOf).toBe('2026-06-14');
    expect(p.sample).toEqual({ enterprises: 7, events: 4 });
    // Scores as of the day before: D (serious list) and C (abnormal list) score below A, and
    // 3 of the 4 problems are among them, so the AUC is well above chance.
    expect(p.discrimination.auc!).toBeGreaterThan(0.6);
    expect(p.discrimination.aucLow!).toBeLessThanOrEqual(p.discrimination.auc!);
    expect(p.discrimination.gini).toBeCloseTo(2 * p.discrimination.auc! - 1, 10);
    expect(p.roc.at(-1)).toMatchObject({ tpr: 1, fpr: 1 });
    expect(p.byTier.byTier.D).toMatchObject({ inspected: 3, problems: 2 });
    expect(p.byTier.byTier.A).toMatchObject({ inspected: 1, problems: 0 });
    expect(p.drawTime.byTier.C).toMatchObject({ inspected: 3, problems: 2 });
    expect(p.drawTime.byTier.D.rate).toBeCloseTo(2 / 3, 10);

    const models = (await t.http().get('/api/v1/models').set(auth(regulator)).expect(200)).body as {
      version: string;
      active: boolean;
    }[];
    expect(models.find((m) => m.active)?.version).toBe('samr-general-v1');
    expect(models.map((m) => m.version)).toContain('samr-general-v2-draft');
  });

  it('measures drift between runs of a region: a changed population is an alert, in /metrics', async () => {
    const first = await runToEnd({ mode: 'full', region: REGION });
    const firstDrift = await eventually(
      async () => {
        const r = await t
          .http()
          .get(`/api/v1/reclassifications/${first.id}/drift`)
          .set(auth(regulator));
        return r.status === 200 ? r.body : undefined;
      },
      30_000,
      100,
    );
    expect(firstDrift).toMatchObject({ runId: first.id, previousRunId: null, psi: null });
    const alertsBefore = metric(
      (await t.http().get('/metrics').expect(200)).text,
      'crs_model_drift_alert_runs',
    );

    // Half the A enterprises are listed as abnormal (R3: -150 points): the scores move a lot.
    for (const uscc of tierA.slice(0, 10)) await t.addRecord(uscc, ABNORMAL);
    await queueDrained(worker);
    const second = await runToEnd({ mode: 'full', region: REGION });
    const drift = await eventually(
      async () => {
        const r = await t
          .http()
          .get(`/api/v1/reclassifications/${second.id}/drift`)
          .set(auth(regulator));
        return r.status === 200
          ? (r.body as {
              previousRunId: number;
              psi: number;
              band: string;
              indicators: { code: string; band: string }[];
            })
          : undefined;
      },
      30_000,
      100,
    );
    expect(drift.previousRunId).toBe(first.id);
    expect(drift.psi).toBeGreaterThan(0.25);
    expect(drift.band).toBe('ALERT');
    // Per indicator: the abnormal-list indicator moved, the establishment age did not.
    expect(drift.indicators.find((i) => i.code === 'R2')?.band).toBe('ALERT');
    expect(drift.indicators.find((i) => i.code === 'B1')?.band).toBe('STABLE');
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(metric(text, 'crs_model_drift_alert_runs')).toBe(alertsBefore + 1);
    expect(metric(text, 'crs_model_psi_latest')).toBeCloseTo(drift.psi, 6);
  });

  it('activates a model only with a completed dry run over the population and a second admin', async () => {
    const V2 = 'samr-general-v2-draft';
    const propose = (body: object, token = admin, version = V2) =>
      t.http().post(`/api/v1/models/${version}/proposals`).set(auth(token)).send(body);

    // Not a dry run, a regional dry run, no run at all: each names the unmet condition.
    const real = await runToEnd({ mode: 'full', region: REGION, modelVersion: V2 });
    expect((await propose({ dryRunId: real.id }).expect(422)).body.details[0].code).toBe(
      'NOT_A_DRY_RUN_OF_THE_MODEL',
    );
    const regional = await runToEnd({
      mode: 'full',
      region: REGION,
      modelVersion: V2,
      dryRun: true,
    });
    expect((await propose({ dryRunId: regional.id }).expect(422)).body.details[0].code).toBe(
      'DRY_RUN_NOT_OVER_THE_POPULATION',
    );
    expect((await propose({ dryRunId: 999999 }).expect(422)).body.details[0].code).toBe(
      'DRY_RUN_NOT_FOUND',
    );
    await t
      .http()
      .post(`/api/v1/models/${V2}/proposals`)
      .set(auth(regulator))
      .send({ dryRunId: regional.id })
      .expect(403);

    const dry = await runToEnd({ mode: 'full', modelVersion: V2, dryRun: true });
    const proposal = await eventually(
      async () => {
        const r = await propose({ dryRunId: dry.id, reason: '年度模型更新' });
        if (r.status === 422 && r.body.details[0].code === 'PERFORMANCE_NOT_COMPUTED')
          return undefined;
        expect(r.status).toBe(201);
        return r.body as {
          id: number;
          status: string;
          attachments: {
            dryRun: { id: number; transitions: unknown };
            performance: { modelVersion: string };
          };
        };
      },
      30_000,
      200,
    );
    expect(proposal.status).toBe('PROPOSED');
    expect(proposal.attachments.dryRun.id).toBe(dry.id);
    expect(proposal.attachments.dryRun.transitions).toBeDefined();
    expect(proposal.attachments.performance.modelVersion).toBe(V2);

    // The proposer cannot approve it; nothing changes.
    const self = await t
      .http()
      .post(`/api/v1/models/proposals/${proposal.id}/approve`)
      .set(auth(admin))
      .send({})
      .expect(403);
    expect(self.body.message).toContain('four eyes');
    let models = (await t.http().get('/api/v1/models').set(auth(admin)).expect(200)).body as {
      version: string;
      active: boolean;
    }[];
    expect(models.find((m) => m.active)?.version).toBe('samr-general-v1');

    const approved = await t
      .http()
      .post(`/api/v1/models/proposals/${proposal.id}/approve`)
      .set(auth(adminB))
      .send({ reason: '同意' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'ACTIVE',
      proposedBy: 'admin-loop-a',
      decidedBy: 'admin-loop-b',
    });
    await t
      .http()
      .post(`/api/v1/models/proposals/${proposal.id}/approve`)
      .set(auth(adminB))
      .send({})
      .expect(409);
    models = (await t.http().get('/api/v1/models').set(auth(admin)).expect(200)).body;
    expect(models.find((m) => m.active)?.version).toBe(V2);

    // Re-scoring in the worker uses it within seconds.
    const probe = tierA[15];
    await t.addRecord(probe, { kind: 'HONOR', occurredOn: '2026-05-01', title: '守合同重信用' });
    await eventually(
      async () => {
        const r = (await t.http().get(`/api/v1/enterprises/${probe}/risk`).set(auth(regulator)))
          .body as { modelVersion: string };
        return r.modelVersion === V2 ? true : undefined;
      },
      15_000,
      100,
    );

    // Every step is in the audit trail.
    await eventually(
      async () => {
        const audit = (await t.http().get('/api/v1/audit?pageSize=200').set(auth(admin))).body as {
          items: { action: string; actor: { sub: string }; resource: string | null }[];
        };
        const actions = audit.items.map((e) => `${e.action}:${e.actor.sub}`);
        return [
          'model.propose:admin-loop-a',
          'model.approve:admin-loop-a',
          'model.approve:admin-loop-b',
          'model.activate:admin-loop-b',
        ].every((a) => actions.includes(a))
          ? true
          : undefined;
      },
      10_000,
      200,
    );

    // And back to v1 the same way (other suites score with it), the roles swapped; a refusal first.
    const dryV1 = await runToEnd({ mode: 'full', modelVersion: 'samr-general-v1', dryRun: true });
    const back = await eventually(
      async () => {
        const r = await propose({ dryRunId: dryV1.id }, adminB, 'samr-general-v1');
        return r.status === 201 ? (r.body as { id: number }) : undefined;
      },
      30_000,
      200,
    );
    const refused = await t
      .http()
      .post(`/api/v1/models/proposals/${back.id}/refuse`)
      .set(auth(admin))
      .send({ reason: '再议' })
      .expect(200);
    expect(refused.body.status).toBe('REFUSED');
    const again = (await propose({ dryRunId: dryV1.id }, adminB, 'samr-general-v1').expect(201))
      .body as { id: number };
    await t
      .http()
      .post(`/api/v1/models/proposals/${again.id}/approve`)
      .set(auth(admin))
      .send({})
      .expect(200);
    models = (await t.http().get('/api/v1/models').set(auth(admin)).expect(200)).body;
    expect(models.find((m) => m.active)?.version).toBe('samr-general-v1');
  });
});
