import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineSweepService } from '@app/repair';
import { createTestApp, TEST_NOW, TestApp } from './support/test-app';
import { RescoreService } from '@app/risk';
import { createTestWorker, queueDrained } from './support/test-worker';
import { auth, moderatePenalty, repairKit, unmetCodes } from './support/repair-kit';

/**
 * Issue 16: the repair rules as the law has them, through the API with a
 * real worker re-scoring. TEST_NOW is Monday 2026-06-15 (Shanghai); the
 * Dragon Boat Festival (19–21 June 2026) is not a working day.
 */
describe('repair rules as the law has them (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let evidenceDir: string;
  let admin: string;
  let regulator: string; // Hangzhou, 3301: where the enterprises are registered
  let ningbo: string; // 3302: another authority

  beforeAll(async () => {
    evidenceDir = mkdtempSync(join(tmpdir(), 'crs-evidence-'));
    process.env.EVIDENCE_DIR = evidenceDir;
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    regulator = await t.token({ role: 'regulator', region: '3301', sub: 'reg-hangzhou-01' });
    ningbo = await t.token({ role: 'regulator', region: '3302', sub: 'reg-ningbo-01' });
  });
  afterAll(async () => {
    await queueDrained(worker);
    await worker?.close();
    await t?.close();
    rmSync(evidenceDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });
  afterEach(() => t.clock.set(TEST_NOW));

  const kit = repairKit(
    () => t,
    () => ({ admin, regulator }),
  );
  const { addRecord, newEnterprise, materials, submit, applyFor, act, getApp, eligibility } = kit;
  const postRecord = (uscc: string, body: object) =>
    t.http().post(`/api/v1/enterprises/${uscc}/records`).set(auth(admin)).send(body);

  describe('restrictive penalties (item 2)', () => {
    it('are published for the longer of the severity window and the restriction', async () => {
      // SERIOUS, decided 15 months ago, with a 6-month 停产停业 long over: still 36 months.
      const e = await newEnterprise();
      await addRecord(e.uscc, {
        ...moderatePenalty('2025-03-01'),
        severity: 'SERIOUS',
        restrictive: true,
        restrictionEndsOn: '2025-09-01',
      });
      await kit.tierWhen(e.uscc, (tier) => tier === 'C');
    });

    it('cannot be repaired while the restriction runs (RESTRICTION_IN_FORCE), and can after', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, {
        ...moderatePenalty('2026-01-10'),
        restrictive: true,
        restrictionEndsOn: '2026-07-31',
      });
      const now = await eligibility(e.token, record.id).expect(200);
      expect(now.body.conditions.filter((c: { met: boolean }) => !c.met)).toEqual([
        expect.objectContaining({ code: 'RESTRICTION_IN_FORCE', earliestOn: '2026-08-01' }),
      ]);
      const refused = await submit(e.token, record.id, await materials(e.token)).expect(422);
      expect(refused.body.details.map((d: { code: string }) => d.code)).toEqual([
        'RESTRICTION_IN_FORCE',
      ]);
      t.clock.set('2026-08-01T02:00:00.000Z');
      expect((await eligibility(e.token, record.id).expect(200)).body.eligible).toBe(true);
    });
  });

  describe('the field of a penalty decides the 2021 period (item 3)', () => {
    it('derives the field from the violation type, or takes it as sent; refuses an unknown one', async () => {
      const e = await newEnterprise();
      const derived = await addRecord(
        e.uscc,
        moderatePenalty('2025-03-01', '销售不符合食品安全标准的食品'),
      );
      expect(derived.field).toBe('FOOD');
      const plain = await addRecord(e.uscc, moderatePenalty('2025-03-01'));
      expect(plain.field).toBe('OTHER');
      const sent = await addRecord(e.uscc, { ...moderatePenalty('2025-03-01'), field: 'DRUG' });
      expect(sent.field).toBe('DRUG');
      const bad = await postRecord(e.uscc, { ...moderatePenalty(), field: 'TOBACCO' }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('field');
      const notPenalty = await postRecord(e.uscc, {
        kind: 'ABNORMAL_LISTING',
        occurredOn: '2026-05-01',
        reason: '通过登记的住所无法联系',
        field: 'FOOD',
      }).expect(400);
      expect(JSON.stringify(notPenalty.body)).toContain(
        'field is not allowed for kind ABNORMAL_LISTING',
      );
    });

    it('judges a 2021-rules application by the penalty’s field, not the enterprise’s industry', async () => {
      // A food manufacturer (C1391) with an advertising penalty, and a retailer with a food-safety one.
      const maker = await newEnterprise({ industryCode: 'C1391' });
      const retailer = await newEnterprise({ industryCode: 'F5212' });
      const advertising = await addRecord(maker.uscc, moderatePenalty('2025-03-01', '虚假宣传'));
      const foodSafety = await addRecord(
        retailer.uscc,
        moderatePenalty('2025-03-01', '经营过期食品'),
      );
      t.clock.set('2025-12-20T02:00:00.000Z'); // the 2021 measures are in force until 2025-12-24
      const a = await eligibility(maker.token, advertising.id).expect(200);
      expect(a.body).toMatchObject({ eligible: true, policy: '2021-guo-shi-jian-xin-gui-3' });
      const f = await eligibility(retailer.token, foodSafety.id).expect(200);
      expect(f.body.conditions.filter((c: { met: boolean }) => !c.met)).toEqual([
        expect.objectContaining({ code: 'MIN_PERIOD_NOT_REACHED', earliestOn: '2026-03-01' }),
      ]);
    });
  });

  describe('谁认定谁修复: the issuing authority decides (item 7)', () => {
    it('lets the authority’s regulators decide and the registration region’s only watch', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, { ...moderatePenalty(), authorityRegion: '330200' });
      expect(record.authorityRegion).toBe('330200');
      const app = await applyFor(e.token, record.id);
      expect(app.authorityRegion).toBe('330200');

      // Hangzhou (registration) sees it, with nothing to do, and may not decide.
      const watched = await getApp(regulator, app.id).expect(200);
      expect(watched.body.allowedActions).toEqual([]);
      const refused = await act(regulator, app.id, 'accept', { version: 1 }).expect(403);
      expect(refused.body.details[0]).toMatchObject({
        code: 'NOT_THE_DECIDING_AUTHORITY',
        authorityRegion: '330200',
      });

      // Ningbo (the authority) lists it, and decides.
      const listed = await t
        .http()
        .get('/api/v1/repair-applications?pageSize=500')
        .set(auth(ningbo))
        .expect(200);
      expect(listed.body.items.map((a: { id: number }) => a.id)).toContain(app.id);
      const seen = await getApp(ningbo, app.id).expect(200);
      expect(seen.body.allowedActions).toEqual(['accept', 'reject', 'request-materials']);
      await act(ningbo, app.id, 'accept', { version: 1 }).expect(200);
      await act(ningbo, app.id, 'approve', { version: 2 }).expect(200);
      expect(await kit.recordStatus(e.uscc, record.id)).toBe('REPAIRED');
      // The decision stays visible where the enterprise is registered.
      const after = await getApp(regulator, app.id).expect(200);
      expect(after.body).toMatchObject({ status: 'APPROVED', allowedActions: [] });
    });

    it('defaults the authority to the registration region and refuses a code that is not a division', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      expect(record.authorityRegion).toBe('330106');
      for (const authorityRegion of ['3302', 'abcdef', '000000']) {
        const bad = await postRecord(e.uscc, { ...moderatePenalty(), authorityRegion }).expect(400);
        expect(JSON.stringify(bad.body)).toContain('authorityRegion');
      }
      const app = await applyFor(e.token, record.id);
      await getApp(ningbo, app.id).expect(404);
    });
  });

  describe('补正: one request for missing materials (item 5)', () => {
    it('stops the acceptance clock, restarts it on the reply, and refuses a second request', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);

      const asked = await act(regulator, app.id, 'request-materials', {
        version: 1,
        materials: ['FULFILMENT_PROOF', 'OTHER'],
        reason: '请补充罚款缴纳凭证原件扫描件及整改报告。',
      }).expect(200);
      // 10 working days from Mon 15 June, the Dragon Boat Festival (19 June) not counted.
      expect(asked.body).toMatchObject({
        status: 'AWAITING_MATERIALS',
        version: 2,
        materialsRequested: ['FULFILMENT_PROOF', 'OTHER'],
        supplyBy: '2026-06-30',
        allowedActions: [],
      });
      const mine = await getApp(e.token, app.id).expect(200);
      expect(mine.body.allowedActions).toEqual(['supply-materials', 'withdraw']);
      // The regulator cannot accept while waiting.
      await act(regulator, app.id, 'accept', { version: 2 }).expect(409);

      t.clock.set('2026-06-23T02:00:00.000Z');
      // Not what was asked for: 422 naming what is missing.
      const partial = await act(e.token, app.id, 'supply-materials', {
        version: 2,
        evidence: await materials(e.token, ['FULFILMENT_PROOF']),
      }).expect(422);
      expect(partial.body.details).toEqual([
        expect.objectContaining({ code: 'MATERIALS_MISSING', missingMaterials: ['OTHER'] }),
      ]);
      const replied = await act(e.token, app.id, 'supply-materials', {
        version: 2,
        evidence: await materials(e.token, ['FULFILMENT_PROOF', 'OTHER']),
      }).expect(200);
      // The clock restarts from the reply: 2 working days after Tue 23 June.
      expect(replied.body).toMatchObject({
        status: 'SUBMITTED',
        version: 3,
        acceptBy: '2026-06-25',
      });
      expect(replied.body.evidence.map((x: { kind: string }) => x.kind)).toEqual([
        'APPLICATION_FORM',
        'COMMITMENT_LETTER',
        'FULFILMENT_PROOF',
        'FULFILMENT_PROOF',
        'OTHER',
      ]);

      // 一次性告知: once only.
      const again = await act(regulator, app.id, 'request-materials', {
        version: 3,
        materials: ['APPLICATION_FORM'],
      }).expect(409);
      expect(again.body.details[0].code).toBe('MATERIALS_ALREADY_REQUESTED');
      const view = await getApp(regulator, app.id).expect(200);
      expect(view.body.allowedActions).toEqual(['accept', 'reject']);
      expect(view.body.history.map((h: { action: string }) => h.action)).toEqual([
        'request-materials',
        'supply-materials',
      ]);
    });

    it('refuses a request naming nothing (400) and one on an accepted application (409)', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);
      const empty = await act(regulator, app.id, 'request-materials', {
        version: 1,
        materials: [],
      }).expect(400);
      expect(JSON.stringify(empty.body)).toContain('materials');
      const unknown = await act(regulator, app.id, 'request-materials', {
        version: 1,
        materials: ['BIRTH_CERTIFICATE'],
      }).expect(400);
      expect(JSON.stringify(unknown.body)).toContain('materials');
      await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      const late = await act(regulator, app.id, 'request-materials', {
        version: 2,
        materials: ['OTHER'],
      }).expect(409);
      expect(late.body.details[0]).toMatchObject({
        code: 'NOT_ALLOWED_FROM_STATUS',
        status: 'ACCEPTED',
      });
    });

    it('closes an unanswered request as withdrawn after supplyBy, in the sweep, freeing the record', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);
      await act(regulator, app.id, 'request-materials', {
        version: 1,
        materials: ['OTHER'],
      }).expect(200);
      const sweeper = t.app.get(DeadlineSweepService);
      await sweeper.sweep('2026-06-30'); // the last day: still open
      expect((await getApp(e.token, app.id).expect(200)).body.status).toBe('AWAITING_MATERIALS');
      const swept = await sweeper.sweep('2026-07-01');
      expect(swept.lapsed).toBeGreaterThanOrEqual(1);
      const closed = await getApp(e.token, app.id).expect(200);
      expect(closed.body).toMatchObject({ status: 'WITHDRAWN', allowedActions: [] });
      expect(closed.body.history.at(-1)).toMatchObject({
        actor: 'system',
        action: 'withdraw',
        reason: expect.stringContaining('2026-06-30'),
      });
      expect(
        unmetCodes((await eligibility(e.token, record.id).expect(200)).body.conditions),
      ).toEqual([]);
    });
  });

  describe('revocation restarts the publicity window (item 6)', () => {
    it('returns the record to ACTIVE with its publicity running from the revocation date', async () => {
      const e = await newEnterprise();
      // The 2025 annual report is on file, so only the penalty moves the tier in August.
      await addRecord(e.uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2026-05-01', year: 2025 });
      const record = await addRecord(e.uscc, moderatePenalty('2025-08-01'));
      const app = await applyFor(e.token, record.id);
      await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      await act(regulator, app.id, 'approve', { version: 2 }).expect(200);
      t.clock.set('2026-07-20T02:00:00.000Z');
      await act(regulator, app.id, 'revoke', {
        version: 3,
        reason: '经查，提交的缴款凭证系伪造。',
      }).expect(200);
      const after = await kit.recordOf(e.uscc, record.id);
      expect(after).toMatchObject({ status: 'ACTIVE', publicityFrom: '2026-07-20' });
      // Past the original 12 months (2026-08-01) the penalty still counts: its window restarted.
      await kit.tierWhen(e.uscc, (tier) => tier === 'B');
      await queueDrained(worker);
      t.clock.set('2026-08-05T02:00:00.000Z');
      // Re-scored on 5 August (from the database, as the worker does): still B, not back to A.
      const rescored = await t.app.get(RescoreService).rescore(e.uscc, 'test:after-window');
      expect(rescored?.tier).toBe('B');
      const risk = await t.http().get(`/api/v1/enterprises/${e.uscc}/risk`).set(auth(regulator));
      expect(risk.body.tier).toBe('B');
    });
  });

  describe('the 2025 repair scope (item 4)', () => {
    it('repairs a negative inspection result under Order 107, not under the 2021 measures', async () => {
      const e = await newEnterprise();
      const problem = await addRecord(e.uscc, {
        kind: 'INSPECTION',
        occurredOn: '2026-03-01',
        result: 'PROBLEM',
      });
      expect((await eligibility(e.token, problem.id).expect(200)).body).toMatchObject({
        eligible: true,
        policy: '2025-samr-order-107',
      });
      t.clock.set('2025-12-20T02:00:00.000Z');
      const old = await addRecord(e.uscc, {
        kind: 'INSPECTION',
        occurredOn: '2025-11-01',
        result: 'NOT_FOUND',
      });
      expect(unmetCodes((await eligibility(e.token, old.id).expect(200)).body.conditions)).toEqual([
        'NOT_REPAIRABLE_KIND',
      ]);
      t.clock.set(TEST_NOW);
      const app = await applyFor(e.token, problem.id);
      const accepted = await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      expect(accepted.body.decideBy).toBe('2026-06-23'); // 5 working days
      await act(regulator, app.id, 'approve', { version: 2 }).expect(200);
      expect(await kit.recordStatus(e.uscc, problem.id)).toBe('REPAIRED');
    });

    it('ends the publication of the inspection a repaired penalty followed from, and restores it on revocation', async () => {
      const e = await newEnterprise();
      const inspection = await addRecord(e.uscc, {
        kind: 'INSPECTION',
        occurredOn: '2026-01-20',
        result: 'PROBLEM',
      });
      const penalty = await addRecord(e.uscc, {
        ...moderatePenalty('2026-02-15'),
        relatedRecordId: inspection.id,
      });
      expect(penalty.relatedRecordId).toBe(inspection.id);
      const app = await applyFor(e.token, penalty.id);
      await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      const approved = await act(regulator, app.id, 'approve', { version: 2 }).expect(200);
      expect(approved.body.alsoRepairedRecordId).toBe(inspection.id);
      expect(await kit.recordStatus(e.uscc, inspection.id)).toBe('REPAIRED');
      await act(regulator, app.id, 'revoke', { version: 3, reason: '材料虚假' }).expect(200);
      expect(await kit.recordStatus(e.uscc, inspection.id)).toBe('ACTIVE');
      expect(await kit.recordStatus(e.uscc, penalty.id)).toBe('ACTIVE');
    });

    it('refuses a related record of another enterprise or that does not exist (400)', async () => {
      const e = await newEnterprise();
      const other = await newEnterprise();
      const theirs = await addRecord(other.uscc, {
        kind: 'INSPECTION',
        occurredOn: '2026-01-20',
        result: 'PROBLEM',
      });
      for (const relatedRecordId of [theirs.id, 999_999_999]) {
        const bad = await postRecord(e.uscc, { ...moderatePenalty(), relatedRecordId }).expect(400);
        expect(bad.body.details[0].field).toBe('relatedRecordId');
      }
    });

    it('suspends listed records for a reorganisation plan’s term (临时信用修复)', async () => {
      const e = await newEnterprise();
      const listing = await addRecord(e.uscc, {
        kind: 'ABNORMAL_LISTING',
        occurredOn: '2026-05-01',
        reason: '通过登记的住所无法联系',
      });
      await kit.tierWhen(e.uscc, (tier) => tier === 'C');
      const body = {
        courtDocumentNo: '(2026)浙01破12号之三',
        planApprovedOn: '2026-06-10',
        planEndsOn: '2027-06-09',
        recordIds: [listing.id],
      };
      const url = `/api/v1/enterprises/${e.uscc}/temporary-repairs`;
      await t.http().post(url).set(auth(ningbo)).send(body).expect(404);
      await t.http().post(url).set(auth(e.token)).send(body).expect(403);
      const res = await t.http().post(url).set(auth(regulator)).send(body).expect(201);
      expect(res.body).toMatchObject({ suspendedFrom: '2026-06-15', suspendedUntil: '2027-06-09' });
      expect(res.body.records[0]).toMatchObject({
        id: listing.id,
        status: 'ACTIVE',
        suspendedUntil: '2027-06-09',
        suspensionDocumentNo: '(2026)浙01破12号之三',
      });
      await kit.tierWhen(e.uscc, (tier) => tier === 'A');

      const pass = await addRecord(e.uscc, {
        kind: 'INSPECTION',
        occurredOn: '2026-03-01',
        result: 'PASS',
      });
      const refused = await t
        .http()
        .post(url)
        .set(auth(regulator))
        .send({ ...body, recordIds: [pass.id, 999_999_999], planEndsOn: '2026-01-01' })
        .expect(422);
      expect(refused.body.details.map((d: { code: string }) => d.code).sort()).toEqual([
        'NOT_SUSPENDABLE',
        'PLAN_TERM_INVALID',
        'RECORD_NOT_FOUND',
      ]);
    });
  });
});
