import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/core';
import { DEADLINE_SWEEP_JOB, DEADLINE_SWEEP_SCHEDULER } from '@app/repair';
import { createTestApp, TEST_NOW, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';
import {
  Application,
  auth,
  HistoryEntry,
  jpeg,
  moderatePenalty,
  pdf,
  png,
  repairKit,
  unmetCodes,
} from './support/repair-kit';

const MB = 1024 * 1024;
const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('credit repair (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let evidenceDir: string;
  let admin: string;
  let regulator: string;
  let province: string;
  let outsider: string;

  beforeAll(async () => {
    evidenceDir = mkdtempSync(join(tmpdir(), 'crs-evidence-'));
    process.env.EVIDENCE_DIR = evidenceDir;
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    regulator = await t.token({ role: 'regulator', region: '3301', sub: 'reg-hangzhou-01' });
    province = await t.token({ role: 'regulator', region: '33', sub: 'reg-zhejiang-01' });
    outsider = await t.token({ role: 'regulator', region: '3302', sub: 'reg-ningbo-01' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    rmSync(evidenceDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });
  afterEach(() => t.clock.set(TEST_NOW));

  const {
    addRecord,
    newEnterprise,
    upload,
    materials,
    submit,
    applyFor,
    act,
    getApp,
    eligibility,
    recordStatus,
    tierWhen,
  } = repairKit(
    () => t,
    () => ({ admin, regulator }),
  );
  function storedFiles(): number {
    const walk = (d: string): number =>
      readdirSync(d, { withFileTypes: true }).reduce(
        (n, e) => n + (e.isDirectory() ? walk(join(d, e.name)) : 1),
        0,
      );
    return walk(evidenceDir);
  }
  const storedRows = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM evidence_files'))[0].n);

  describe('the whole path for each repairable kind', () => {
    it.each([
      ['a MODERATE penalty (4 months old)', moderatePenalty(), 'B', '2026-06-25'],
      [
        'a SERIOUS penalty (15 months old)',
        { ...moderatePenalty('2025-03-01'), severity: 'SERIOUS', amount: '200000.00' },
        'C',
        '2026-06-25',
      ],
      [
        'an abnormal-operations listing',
        { kind: 'ABNORMAL_LISTING', occurredOn: '2026-05-01', reason: '通过登记的住所无法联系' },
        'C',
        '2026-06-23',
      ],
      [
        'a serious-dishonesty listing (13 months old)',
        { kind: 'SERIOUS_DISHONESTY_LISTING', occurredOn: '2025-05-01', reason: '提交虚假材料' },
        'D',
        '2026-06-25',
      ],
    ])(
      '%s: submit with evidence → accept → approve → REPAIRED → tier improves within 2 s',
      async (_, recordBody, tierBefore, decideBy) => {
        const e = await newEnterprise();
        const record = await addRecord(e.uscc, recordBody);
        await tierWhen(e.uscc, (tier) => tier === tierBefore);

        const check = await eligibility(e.token, record.id).expect(200);
        expect(check.body).toMatchObject({ eligible: true, policy: '2025-samr-order-107' });

        const app = await applyFor(e.token, record.id);
        expect(app).toMatchObject({
          uscc: e.uscc,
          recordId: record.id,
          status: 'SUBMITTED',
          version: 1,
          policy: '2025-samr-order-107',
          acceptBy: '2026-06-17', // Mon 15 June + 2 working days
          decideBy: null,
          overdue: false,
          history: [],
        });
        expect(app.submittedAt).toBe(TEST_NOW);
        expect(app.evidence.map((x) => x.kind)).toEqual([
          'APPLICATION_FORM',
          'COMMITMENT_LETTER',
          'FULFILMENT_PROOF',
        ]);

        const accepted = await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
        // The Dragon Boat Festival (19–21 June 2026) is not counted.
        expect(accepted.body).toMatchObject({ status: 'ACCEPTED', version: 2, decideBy });

        const approved = await act(regulator, app.id, 'approve', { version: 2 }).expect(200);
        expect(approved.body).toMatchObject({ status: 'APPROVED', version: 3 });
        expect(await recordStatus(e.uscc, record.id)).toBe('REPAIRED');
        // Polled with a deadline (eventually); speed is measured in bench/, not here.
        await tierWhen(e.uscc, (tier) => tier === 'A');

        const seen = await getApp(e.token, app.id).expect(200);
        expect(seen.body.history).toEqual([
          expect.objectContaining({ actor: 'reg-hangzhou-01', action: 'accept' }),
          expect.objectContaining({ actor: 'reg-hangzhou-01', action: 'approve' }),
        ]);
        if (process.env.SHOW_REPAIR_HISTORY) console.log(JSON.stringify(seen.body, null, 2));

        // Repaired: nothing more to repair on that record.
        const after = await eligibility(e.token, record.id).expect(200);
        expect(unmetCodes(after.body.conditions)).toContain('RECORD_NOT_ACTIVE');
      },
    );

    it('applies the repair limit afterwards: a second penalty waits 12 months from the approval', async () => {
      const e = await newEnterprise();
      const first = await addRecord(e.uscc, moderatePenalty('2026-02-10', '虚假宣传'));
      const second = await addRecord(e.uscc, moderatePenalty('2026-02-20', '无照经营'));
      const app = await applyFor(e.token, first.id);
      await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      await act(regulator, app.id, 'approve', { version: 2 }).expect(200);

      const check = await eligibility(e.token, second.id).expect(200);
      expect(check.body.eligible).toBe(false);
      expect(check.body.conditions.filter((c: { met: boolean }) => !c.met)).toEqual([
        expect.objectContaining({ code: 'REPAIR_LIMIT', met: false, earliestOn: '2027-06-15' }),
      ]);
      const refused = await submit(e.token, second.id, await materials(e.token)).expect(422);
      expect(refused.body.details.map((d: { code: string }) => d.code)).toEqual(['REPAIR_LIMIT']);
    });
  });

  it('the ordinary sequence: the abnormal listing removed, then the penalty repaired (the limit counts only its own kinds)', async () => {
    const e = await newEnterprise();
    const listing = await addRecord(e.uscc, {
      kind: 'ABNORMAL_LISTING',
      occurredOn: '2026-05-01',
      reason: '通过登记的住所无法联系',
    });
    const penalty = await addRecord(e.uscc, moderatePenalty());
    // While listed, the penalty waits for the removal.
    expect(
      unmetCodes((await eligibility(e.token, penalty.id).expect(200)).body.conditions),
    ).toEqual(['ON_ABNORMAL_LIST']);
    const removal = await applyFor(e.token, listing.id);
    await act(regulator, removal.id, 'accept', { version: 1 }).expect(200);
    await act(regulator, removal.id, 'approve', { version: 2 }).expect(200);
    // The removal just approved does not count against the repair limit of penalties.
    const now = await eligibility(e.token, penalty.id).expect(200);
    expect(unmetCodes(now.body.conditions)).toEqual([]);
    expect(now.body.eligible).toBe(true);
    await applyFor(e.token, penalty.id);
  });

  describe('adverse decisions, withdrawal and revocation', () => {
    it('rejects (不予受理) only with a reason, which the history keeps; the record stays ACTIVE', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);

      const noReason = await act(regulator, app.id, 'reject', { version: 1 }).expect(400);
      expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      await act(regulator, app.id, 'reject', { version: 1, reason: '  ' }).expect(400);
      expect((await getApp(regulator, app.id).expect(200)).body).toMatchObject({
        status: 'SUBMITTED',
        version: 1,
        history: [],
      });

      const reason = '申请材料不齐全：缺少行政处罚决定履行完毕的证明。';
      const res = await act(regulator, app.id, 'reject', { version: 1, reason }).expect(200);
      expect(res.body).toMatchObject({ status: 'REJECTED', version: 2 });
      expect(res.body.history).toEqual([
        expect.objectContaining({ action: 'reject', actor: 'reg-hangzhou-01', reason }),
      ]);
      expect(await recordStatus(e.uscc, record.id)).toBe('ACTIVE');
      // Final: nothing more may happen to it; the record is free for a new application.
      await act(regulator, app.id, 'accept', { version: 2 }).expect(409);
      await applyFor(e.token, record.id);
    });

    it('denies (不予修复) only with a reason; the record stays ACTIVE', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);
      await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      await act(regulator, app.id, 'deny', { version: 2 }).expect(400);

      const reason = '经核查，违法行为尚未整改完毕。';
      const res = await act(regulator, app.id, 'deny', { version: 2, reason }).expect(200);
      expect(res.body).toMatchObject({ status: 'DENIED', version: 3 });
      expect(res.body.history.map((h: HistoryEntry) => [h.action, h.reason])).toEqual([
        ['accept', undefined],
        ['deny', reason],
      ]);
      expect(await recordStatus(e.uscc, record.id)).toBe('ACTIVE');
    });

    it('lets the enterprise withdraw its own open application, and nobody else', async () => {
      const e = await newEnterprise();
      const other = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);
      // Each caller is offered its own actions only.
      expect(app.allowedActions).toEqual(['withdraw']);
      const seen = await t.http().get(`/api/v1/repair-applications/${app.id}`).set(auth(regulator));
      expect(seen.body.allowedActions).toEqual(['accept', 'reject', 'request-materials']);

      await act(other.token, app.id, 'withdraw', { version: 1 }).expect(404);
      await act(regulator, app.id, 'withdraw', { version: 1 }).expect(403);
      await act(e.token, app.id, 'accept', { version: 1 }).expect(403);
      await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      await act(e.token, app.id, 'withdraw', { version: 1 }).expect(409); // stale

      const res = await act(e.token, app.id, 'withdraw', { version: 2 }).expect(200);
      expect(res.body).toMatchObject({ status: 'WITHDRAWN', version: 3 });
      expect(res.body.history.at(-1)).toMatchObject({
        action: 'withdraw',
        actor: `ent-${e.uscc}`,
      });
      await act(e.token, app.id, 'withdraw', { version: 3 }).expect(409);
      expect(await recordStatus(e.uscc, record.id)).toBe('ACTIVE');
    });

    it('revokes an approval with a reason: the record is ACTIVE again and the tier drops back', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      await tierWhen(e.uscc, (tier) => tier === 'B');
      const app = await applyFor(e.token, record.id);
      await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      await act(regulator, app.id, 'approve', { version: 2 }).expect(200);
      await tierWhen(e.uscc, (tier) => tier === 'A');

      await act(regulator, app.id, 'revoke', { version: 3 }).expect(400);
      const reason = '经查，提交的缴款凭证系伪造。';
      const res = await act(regulator, app.id, 'revoke', { version: 3, reason }).expect(200);
      expect(res.body).toMatchObject({ status: 'REVOKED', version: 4 });
      if (process.env.SHOW_REPAIR_HISTORY) console.log(JSON.stringify(res.body.history, null, 2));
      expect(res.body.history.at(-1)).toMatchObject({ action: 'revoke', reason });
      expect(await recordStatus(e.uscc, record.id)).toBe('ACTIVE');
      await tierWhen(e.uscc, (tier) => tier === 'B');
    });
  });

  describe('refusals', () => {
    it('answers 422 with exactly the unmet conditions, and the eligibility check shows them first', async () => {
      const e = await newEnterprise();
      await addRecord(e.uscc, {
        kind: 'ABNORMAL_LISTING',
        occurredOn: '2026-04-01',
        reason: '未按规定报送年度报告',
      });
      const penalty = await addRecord(e.uscc, moderatePenalty('2026-05-15'));

      const check = await eligibility(e.token, penalty.id).expect(200);
      expect(check.body.eligible).toBe(false);
      expect(unmetCodes(check.body.conditions)).toEqual([
        'MIN_PERIOD_NOT_REACHED',
        'ON_ABNORMAL_LIST',
      ]);

      const form = await upload(e.token, pdf()).expect(201);
      const res = await submit(e.token, penalty.id, [
        { kind: 'APPLICATION_FORM', title: '信用修复申请书', sha256: form.body.sha256 },
      ]).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(res.body.details).toEqual([
        expect.objectContaining({
          code: 'MIN_PERIOD_NOT_REACHED',
          met: false,
          earliestOn: '2026-08-15',
        }),
        expect.objectContaining({ code: 'ON_ABNORMAL_LIST', met: false }),
        expect.objectContaining({
          code: 'MATERIALS_MISSING',
          met: false,
          missingMaterials: ['COMMITMENT_LETTER', 'FULFILMENT_PROOF'],
        }),
      ]);
      const list = await t.http().get('/api/v1/repair-applications').set(auth(e.token)).expect(200);
      expect(list.body.total).toBe(0);
    });

    it.each([
      [
        'a MINOR penalty',
        { ...moderatePenalty('2026-01-10'), severity: 'MINOR' },
        ['MINOR_NOT_REPAIRABLE'],
      ],
      [
        'a restrictive penalty',
        { ...moderatePenalty('2026-01-10'), restrictive: true, restrictionEndsOn: '2027-01-10' },
        ['RESTRICTION_IN_FORCE'],
      ],
      [
        'an inspection that passed',
        { kind: 'INSPECTION', occurredOn: '2026-01-10', result: 'PASS' },
        ['NOT_REPAIRABLE_KIND'],
      ],
    ])('refuses %s with 422 %j', async (_, body, codes) => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, body);
      const res = await submit(e.token, record.id, await materials(e.token)).expect(422);
      expect(res.body.details.map((d: { code: string }) => d.code)).toEqual(codes);
    });

    it('refuses evidence the enterprise did not upload itself (422 EVIDENCE_NOT_FOUND)', async () => {
      const e = await newEnterprise();
      const other = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const mine = await materials(e.token);
      const theirs = await upload(other.token, pdf()).expect(201);
      const res = await submit(e.token, record.id, [
        ...mine,
        { kind: 'OTHER', title: '他人文件', sha256: theirs.body.sha256 },
      ]).expect(422);
      expect(res.body.details).toEqual([
        { code: 'EVIDENCE_NOT_FOUND', met: false, sha256: theirs.body.sha256 },
      ]);
    });

    it('answers 409 to a second open application on the same record, also when both race', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const evidence = await materials(e.token);
      const [a, b] = await Promise.all([
        submit(e.token, record.id, evidence),
        submit(e.token, record.id, evidence),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const again = await submit(e.token, record.id, evidence).expect(409);
      expect(again.body.details).toEqual([
        expect.objectContaining({ code: 'OPEN_APPLICATION_EXISTS' }),
      ]);
      const list = await t
        .http()
        .get('/api/v1/repair-applications?status=SUBMITTED')
        .set(auth(e.token))
        .expect(200);
      expect(list.body.total).toBe(1);
    });

    it('of two concurrent decisions on the same version exactly one succeeds; history has one entry', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);
      const second = await t.token({ role: 'regulator', region: '330106', sub: 'reg-xihu-02' });
      const [a, b] = await Promise.all([
        act(regulator, app.id, 'accept', { version: 1 }),
        act(second, app.id, 'accept', { version: 1 }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const seen = (await getApp(regulator, app.id).expect(200)).body as Application;
      expect(seen).toMatchObject({ status: 'ACCEPTED', version: 2 });
      expect(seen.history).toHaveLength(1);

      // Different decisions racing on one version: still exactly one lands.
      const [approve, deny] = await Promise.all([
        act(regulator, app.id, 'approve', { version: 2 }),
        act(second, app.id, 'deny', { version: 2, reason: '材料存疑' }),
      ]);
      expect([approve.status, deny.status].sort()).toEqual([200, 409]);
      const final = (await getApp(regulator, app.id).expect(200)).body as Application;
      expect(final.history).toHaveLength(2);
      expect(final.version).toBe(3);
      expect(await recordStatus(e.uscc, record.id)).toBe(
        final.status === 'APPROVED' ? 'REPAIRED' : 'ACTIVE',
      );
    });
  });

  describe('jurisdiction', () => {
    it('hides another enterprise’s records and applications (404)', async () => {
      const e = await newEnterprise();
      const other = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);

      await eligibility(other.token, record.id).expect(404);
      const res = await submit(other.token, record.id, await materials(other.token)).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      await getApp(other.token, app.id).expect(404);
      const list = await t.http().get('/api/v1/repair-applications').set(auth(other.token));
      expect(list.body.items.map((a: Application) => a.id)).not.toContain(app.id);
    });

    it('refuses every decision to a regulator of another region (404) and lets a padded-region regulator of the right one decide (200)', async () => {
      // 330100 is the padded spelling of 杭州市 (3301): it must see 330106, as 3301 does.
      const padded = await t.token({
        role: 'regulator',
        region: '330100',
        sub: 'reg-hangzhou-padded',
      });
      const reason = '材料不足，不予修复。';
      const fresh = async () => {
        const e = await newEnterprise();
        const record = await addRecord(e.uscc, moderatePenalty());
        return { ...e, app: await applyFor(e.token, record.id) };
      };

      const a = await fresh();
      await act(outsider, a.app.id, 'reject', { version: 1, reason }).expect(404);
      await act(outsider, a.app.id, 'accept', { version: 1 }).expect(404);
      await act(padded, a.app.id, 'reject', { version: 1, reason }).expect(200);

      const b = await fresh();
      await act(padded, b.app.id, 'accept', { version: 1 }).expect(200);
      await act(outsider, b.app.id, 'deny', { version: 2, reason }).expect(404);
      await act(padded, b.app.id, 'deny', { version: 2, reason }).expect(200);

      const c = await fresh();
      await act(padded, c.app.id, 'accept', { version: 1 }).expect(200);
      await act(outsider, c.app.id, 'approve', { version: 2 }).expect(404);
      await act(padded, c.app.id, 'approve', { version: 2 }).expect(200);
      await act(outsider, c.app.id, 'revoke', { version: 3, reason }).expect(404);
      const revoked = await act(padded, c.app.id, 'revoke', { version: 3, reason }).expect(200);
      expect(revoked.body).toMatchObject({ status: 'REVOKED', version: 4 });

      // withdraw is the owner's: another enterprise gets 404, the owner 200.
      const d = await fresh();
      const stranger = await newEnterprise();
      await act(stranger.token, d.app.id, 'withdraw', { version: 1 }).expect(404);
      await act(d.token, d.app.id, 'withdraw', { version: 1 }).expect(200);

      // Nothing the outsider tried left a trace: every version moved only by the padded regulator.
      for (const { app, status } of [
        { app: a.app, status: 'REJECTED' },
        { app: b.app, status: 'DENIED' },
        { app: d.app, status: 'WITHDRAWN' },
      ]) {
        const res = await getApp(padded, app.id).expect(200);
        expect(res.body.status).toBe(status);
      }
      await getApp(outsider, c.app.id).expect(404);
    });

    it('refuses a token whose region is not a division code (401)', async () => {
      for (const region of ['00', '331', '33010', 'ab']) {
        const bad = await t.token({ role: 'regulator', region, sub: 'reg-bad' });
        const res = await t.http().get('/api/v1/repair-applications').set(auth(bad)).expect(401);
        expect(res.body.message).toMatch(/region must be an administrative division code/);
      }
    });

    it('hides applications outside the regulator’s region (404), shows them in it', async () => {
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id);

      await getApp(outsider, app.id).expect(404);
      await act(outsider, app.id, 'accept', { version: 1 }).expect(404);
      await eligibility(outsider, record.id).expect(404);
      const theirs = await t
        .http()
        .get('/api/v1/repair-applications?status=SUBMITTED')
        .set(auth(outsider))
        .expect(200);
      expect(theirs.body.items.map((a: Application) => a.id)).not.toContain(app.id);
      // A region outside the caller's own narrows to nothing rather than widening.
      const narrowed = await t
        .http()
        .get('/api/v1/repair-applications?region=3301')
        .set(auth(outsider))
        .expect(200);
      expect(narrowed.body.total).toBe(0);

      await getApp(province, app.id).expect(200);
      const ours = await t
        .http()
        .get('/api/v1/repair-applications?status=SUBMITTED&region=330106&pageSize=500')
        .set(auth(regulator))
        .expect(200);
      expect(ours.body.items.map((a: Application) => a.id)).toContain(app.id);
      expect(ours.body).toMatchObject({ page: 1, pageSize: 500 });
    });
  });

  describe('evidence files', () => {
    it.each([
      ['PDF', pdf, 'application/pdf'],
      ['PNG', png, 'image/png'],
      ['JPEG', jpeg, 'image/jpeg'],
    ])(
      'stores a %s by its content hash and gives it back to its uploader',
      async (_, make, type) => {
        const e = await newEnterprise();
        const content = make();
        // The declared type is ignored: the content decides.
        const res = await upload(e.token, content, 'scan.bin').expect(201);
        expect(res.body).toEqual({
          sha256: sha256Of(content),
          size: content.length,
          contentType: type,
        });
        const back = await t
          .http()
          .get(`/api/v1/evidence/${res.body.sha256}`)
          .set(auth(e.token))
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(back.headers['content-type']).toBe(type);
        expect(Buffer.compare(back.body as Buffer, content)).toBe(0);
      },
    );

    it('refuses a wrong type (400) and an oversize file (413), storing nothing', async () => {
      const e = await newEnterprise();
      await upload(e.token, pdf()).expect(201); // the directory exists from here on
      const files = storedFiles();
      const rows = await storedRows();

      const text = await upload(e.token, Buffer.from('just text, named like a pdf'), 'x.pdf');
      expect(text.status).toBe(400);
      expect(text.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
      const exe = await upload(e.token, Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'x.pdf');
      expect(exe.status).toBe(400);
      const big = await upload(e.token, pdf(10 * MB + 1));
      expect(big.status).toBe(413);
      await t.http().post('/api/v1/evidence').set(auth(e.token)).expect(400); // no file at all

      expect(storedFiles()).toBe(files);
      expect(await storedRows()).toBe(rows);
      // Exactly 10 MB is still allowed.
      await upload(e.token, pdf(10 * MB)).expect(201);
    });

    it('lets only the uploader and regulators of a citing application’s region download (404 otherwise)', async () => {
      const e = await newEnterprise();
      const other = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const evidence = await materials(e.token);
      const file = `/api/v1/evidence/${evidence[0].sha256}`;

      await t.http().get(file).set(auth(other.token)).expect(404);
      await t.http().get(file).set(auth(regulator)).expect(404); // not cited by anything yet
      await t
        .http()
        .get(`/api/v1/evidence/${'0'.repeat(64)}`)
        .set(auth(e.token))
        .expect(404);

      await submit(e.token, record.id, evidence).expect(201);
      await t.http().get(file).set(auth(regulator)).expect(200);
      await t.http().get(file).set(auth(outsider)).expect(404);
      const padded = await t.token({
        role: 'regulator',
        region: '330100',
        sub: 'reg-hangzhou-padded',
      });
      await t.http().get(file).set(auth(padded)).expect(200);
      await t.http().get(file).set(auth(other.token)).expect(404);
      await t.http().get(file).set(auth(admin)).expect(403);
    });
  });

  describe('deadlines in official working days', () => {
    it('counts acceptBy over National Day 2025 (2021 rules) and decideBy across a 调休 Saturday', async () => {
      t.clock.set('2025-09-30T02:00:00.000Z'); // Tuesday, the eve of the 1–8 October holiday
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, {
        kind: 'ABNORMAL_LISTING',
        occurredOn: '2025-09-01',
        reason: '通过登记的住所无法联系',
      });
      const app = await applyFor(e.token, record.id);
      expect(app).toMatchObject({ policy: '2021-guo-shi-jian-xin-gui-3', acceptBy: '2025-10-10' });

      t.clock.set('2025-10-09T02:00:00.000Z');
      const accepted = await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      // 5 working days from Thu 9 Oct: 10, Sat 11 (worked), 13, 14, 15.
      expect(accepted.body.decideBy).toBe('2025-10-15');
    });

    it('counts acceptBy over the Spring Festival 2026, the 调休 Saturday included', async () => {
      t.clock.set('2026-02-13T02:00:00.000Z'); // Friday; Sat 14 Feb is worked, 15–23 Feb off
      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty('2025-10-10'));
      const app = await applyFor(e.token, record.id);
      expect(app).toMatchObject({ policy: '2025-samr-order-107', acceptBy: '2026-02-24' });
    });

    it('the scheduled sweep marks overdue applications, listed with ?overdue=true', async () => {
      const queue = worker.get<Queue>(getQueueToken(QueueName.RepairDeadlines));
      expect(await queue.getJobScheduler(DEADLINE_SWEEP_SCHEDULER)).toBeTruthy();
      const sweep = async () => {
        const job = await queue.add(DEADLINE_SWEEP_JOB, {});
        await eventually(async () => ((await job.isCompleted()) ? true : undefined));
      };

      const e = await newEnterprise();
      const record = await addRecord(e.uscc, moderatePenalty());
      const app = await applyFor(e.token, record.id); // acceptBy 2026-06-17
      const overdueList = async () =>
        (
          await t
            .http()
            .get('/api/v1/repair-applications?overdue=true&pageSize=500')
            .set(auth(regulator))
            .expect(200)
        ).body.items.map((a: Application) => a.id);

      t.clock.set('2026-06-17T15:00:00.000Z'); // 23:00 in Shanghai: still the last day
      await sweep();
      expect(await overdueList()).not.toContain(app.id);

      t.clock.set('2026-06-18T02:00:00.000Z');
      await sweep();
      expect(await overdueList()).toContain(app.id);
      expect((await getApp(e.token, app.id).expect(200)).body.overdue).toBe(true);
      const outside = await t
        .http()
        .get('/api/v1/repair-applications?overdue=true')
        .set(auth(outsider))
        .expect(200);
      expect(outside.body.items.map((a: Application) => a.id)).not.toContain(app.id);

      // Accepting late starts the decision period: no longer overdue.
      const accepted = await act(regulator, app.id, 'accept', { version: 1 }).expect(200);
      expect(accepted.body).toMatchObject({ overdue: false, decideBy: '2026-06-30' });

      t.clock.set(TEST_NOW);
      await sweep(); // leaves the other tests' applications as they were
      await queueDrained(worker);
    });
  });
});
