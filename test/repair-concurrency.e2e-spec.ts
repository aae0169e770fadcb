import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { newUscc } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const ENTERPRISES = 50;
const RECORDS_EACH = 2;

/**
 * 200 repair decisions at once, twice: every application gets two competing
 * decisions on the same version. Exactly one of each pair lands, the other is
 * a 409; no update is lost, no deadlock reaches a client as a 5xx.
 */
describe('repair decisions under concurrency (real MySQL + Redis)', () => {
  let t: TestApp;
  let evidenceDir: string;
  let admin: string;
  const regulators: string[] = [];
  const apps: { id: number; uscc: string }[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    evidenceDir = mkdtempSync(join(tmpdir(), 'crs-evidence-'));
    process.env.EVIDENCE_DIR = evidenceDir;
    // The setup uploads for all enterprises at once; the upload cap is not under test here.
    process.env.EVIDENCE_MAX_CONCURRENT_UPLOADS = String(ENTERPRISES);
    t = await createTestApp();
    admin = await t.token({ role: 'admin' });
    regulators.push(await t.token({ role: 'regulator', region: '3301', sub: 'reg-concurrent-a' }));
    regulators.push(await t.token({ role: 'regulator', region: '33', sub: 'reg-concurrent-b' }));
    await Promise.all(
      Array.from({ length: ENTERPRISES }, async () => {
        const uscc = newUscc('330106');
        const token = await t.token({ role: 'enterprise', uscc, sub: `ent-${uscc}` });
        await t.putEnterprise(uscc);
        const evidence = [];
        for (const [kind, title] of [
          ['APPLICATION_FORM', '信用修复申请书'],
          ['COMMITMENT_LETTER', '守信承诺书'],
          ['FULFILMENT_PROOF', '罚款缴纳凭证'],
        ]) {
          const res = await t
            .http()
            .post('/api/v1/evidence')
            .set(auth(token))
            .attach('file', Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`), {
              filename: 'm.pdf',
              contentType: 'application/pdf',
            })
            .expect(201);
          evidence.push({ kind, title, sha256: res.body.sha256 });
        }
        for (let i = 0; i < RECORDS_EACH; i++) {
          const record = await t
            .http()
            .post(`/api/v1/enterprises/${uscc}/records`)
            .set(auth(admin))
            .send({
              kind: 'PENALTY',
              occurredOn: '2026-02-15',
              severity: 'MODERATE',
              amount: '20000.00',
              violationType: `虚假宣传${i}`,
              documentNo: `杭西市监处罚〔2026〕${i}号`,
            })
            .expect(201);
          const app = await t.http().post('/api/v1/repair-applications').set(auth(token)).send({
            recordId: record.body.id,
            reason: '罚款已缴清，违法行为已整改完毕。',
            commitment: true,
            evidence,
          });
          expect(app.status).toBe(201);
          apps.push({ id: app.body.id, uscc });
        }
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(evidenceDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
    delete process.env.EVIDENCE_MAX_CONCURRENT_UPLOADS;
  });

  /** Sends every pair at once; returns the statuses per application. */
  async function race(pair: (app: { id: number }) => [string, object][]) {
    const sent = apps.flatMap((a) =>
      pair(a).map(([action, body], i) =>
        t
          .http()
          .post(`/api/v1/repair-applications/${a.id}/${action}`)
          .set(auth(regulators[i % 2]))
          .send(body)
          .then((r) => ({ id: a.id, action, status: r.status, body: r.body })),
      ),
    );
    expect(sent).toHaveLength(200);
    return Promise.all(sent);
  }

  function expectOneWinnerEach(results: { id: number; status: number }[]) {
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    for (const a of apps) {
      const mine = results.filter((r) => r.id === a.id).map((r) => r.status);
      expect(mine.sort()).toEqual([200, 409]);
    }
  }

  it('200 concurrent accepts (two per application): one lands, the other is a 409', async () => {
    const results = await race(() => [
      ['accept', { version: 1 }],
      ['accept', { version: 1 }],
    ]);
    expectOneWinnerEach(results);
  });

  it('200 concurrent approve/deny pairs touching records and enterprises: no lost update, no 5xx', async () => {
    const results = await race(() => [
      ['approve', { version: 2 }],
      ['deny', { version: 2, reason: '材料不全' }],
    ]);
    expectOneWinnerEach(results);
    const db = t.app.get(DataSource);
    const rows: { id: string; status: string; version: number; decisions: number }[] =
      await db.query(
        `SELECT a.id, a.status, a.version,
                (SELECT COUNT(*) FROM repair_application_history h WHERE h.application_id = a.id
                   AND h.action IN ('accept', 'approve', 'deny')) AS decisions
           FROM repair_applications a WHERE a.id IN (?)`,
        [apps.map((a) => a.id)],
      );
    const winners = new Map(
      results.filter((r) => r.status === 200).map((r) => [r.id, r.action === 'approve']),
    );
    for (const r of rows) {
      const approved = winners.get(Number(r.id));
      expect(r.status).toBe(approved ? 'APPROVED' : 'DENIED');
      expect(Number(r.version)).toBe(3);
      expect(Number(r.decisions)).toBe(2);
    }
    // Each approval repaired its record, and only those.
    const [{ repaired }] = await db.query(
      `SELECT COUNT(*) AS repaired FROM credit_records r JOIN repair_applications a ON a.record_id = r.id
        WHERE a.id IN (?) AND r.status = 'REPAIRED'`,
      [apps.map((a) => a.id)],
    );
    expect(Number(repaired)).toBe([...winners.values()].filter(Boolean).length);
  });
});
