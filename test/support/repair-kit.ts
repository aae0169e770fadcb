import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';
import { eventually } from './test-worker';
import { enterpriseBody, newUscc } from './fixtures';

export interface Evidence {
  kind: string;
  title: string;
  sha256: string;
}
export interface HistoryEntry {
  at: string;
  actor: string;
  actorRole?: string;
  action: string;
  reason?: string;
}
export interface Application {
  id: number;
  uscc: string;
  recordId: number;
  status: string;
  version: number;
  allowedActions: string[];
  policy: string;
  submittedAt: string;
  acceptBy: string;
  decideBy: string | null;
  supplyBy: string | null;
  materialsRequested: string[];
  authorityRegion: string;
  alsoRepairedRecordId: number | null;
  overdue: boolean;
  evidence: Evidence[];
  history: HistoryEntry[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Fresh content each time, so no test finds another test's file already stored. */
export const pdf = (size?: number) => {
  const body = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`);
  if (!size) return body;
  const out = Buffer.alloc(size, 0x20);
  body.copy(out);
  return out;
};
export const png = () => Buffer.concat([Buffer.from(PNG_SIGNATURE), Buffer.from(randomUUID())]);
export const jpeg = () =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(randomUUID())]);

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export const moderatePenalty = (occurredOn = '2026-02-15', violationType = '虚假宣传') => ({
  kind: 'PENALTY',
  occurredOn,
  severity: 'MODERATE',
  amount: '20000.00',
  violationType,
  documentNo: '杭西市监处罚〔2026〕12号',
});

export const unmetCodes = (conditions: { code: string; met: boolean }[]) =>
  conditions.filter((c) => !c.met).map((c) => c.code);

/**
 * The credit-repair steps as an enterprise and a regulator take them through
 * the API. `app` and `tokens` are read at call time: both are made in beforeAll.
 */
export function repairKit(app: () => TestApp, tokens: () => { admin: string; regulator: string }) {
  const enterpriseToken = (uscc: string) =>
    app().token({ role: 'enterprise', uscc, sub: `ent-${uscc}` });
  const addRecord = (uscc: string, body: object) => app().addRecord(uscc, body);

  /** An enterprise rated A before any adverse record: on-time annual report, nothing else. */
  async function newEnterprise(overrides: Record<string, unknown> = {}, region = '330106') {
    const uscc = newUscc(region);
    await app()
      .http()
      .put(`/api/v1/enterprises/${uscc}`)
      .set(auth(tokens().admin))
      .send(enterpriseBody({ regionCode: region, ...overrides }))
      .expect(201);
    await addRecord(uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 });
    return { uscc, token: await enterpriseToken(uscc) };
  }
  const upload = (token: string, content: Buffer, filename = 'material.pdf') =>
    app()
      .http()
      .post('/api/v1/evidence')
      .set(auth(token))
      .attach('file', content, { filename, contentType: 'application/pdf' });
  /** Materials of the given kinds (by default the three required), uploaded by the enterprise. */
  async function materials(
    token: string,
    kinds = ['APPLICATION_FORM', 'COMMITMENT_LETTER', 'FULFILMENT_PROOF'],
  ): Promise<Evidence[]> {
    const titles: Record<string, [string, () => Buffer]> = {
      APPLICATION_FORM: ['信用修复申请书', pdf],
      COMMITMENT_LETTER: ['守信承诺书', png],
      FULFILMENT_PROOF: ['罚款缴纳凭证', jpeg],
      OTHER: ['其他材料', pdf],
    };
    const out: Evidence[] = [];
    for (const kind of kinds) {
      const [title, content] = titles[kind];
      const res = await upload(token, content()).expect(201);
      out.push({ kind, title, sha256: res.body.sha256 });
    }
    return out;
  }
  const submit = (token: string, recordId: number, evidence: Evidence[]) =>
    app().http().post('/api/v1/repair-applications').set(auth(token)).send({
      recordId,
      reason: '罚款已缴清，违法行为已整改完毕，申请提前停止公示。',
      commitment: true,
      evidence,
    });
  /** Submits with fresh materials and expects 201. */
  async function applyFor(token: string, recordId: number): Promise<Application> {
    const res = await submit(token, recordId, await materials(token));
    if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const act = (token: string, id: number, action: string, body: object) =>
    app().http().post(`/api/v1/repair-applications/${id}/${action}`).set(auth(token)).send(body);
  const getApp = (token: string, id: number) =>
    app().http().get(`/api/v1/repair-applications/${id}`).set(auth(token));
  const eligibility = (token: string, recordId: number) =>
    app()
      .http()
      .get(`/api/v1/repair-applications/eligibility?recordId=${recordId}`)
      .set(auth(token));
  const recordOf = async (uscc: string, id: number) => {
    const res = await app()
      .http()
      .get(`/api/v1/enterprises/${uscc}/records?pageSize=500`)
      .set(auth(tokens().admin))
      .expect(200);
    return res.body.items.find((r: { id: number }) => r.id === id) as Record<string, unknown>;
  };
  const recordStatus = async (uscc: string, id: number) => (await recordOf(uscc, id))?.status;
  const tierWhen = (uscc: string, ok: (tier: string) => boolean) =>
    eventually(async () => {
      const res = await app()
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk`)
        .set(auth(tokens().regulator));
      return res.status === 200 && ok(res.body.tier) ? (res.body.tier as string) : undefined;
    });
  return {
    enterpriseToken,
    addRecord,
    newEnterprise,
    upload,
    materials,
    submit,
    applyFor,
    act,
    getApp,
    eligibility,
    recordOf,
    recordStatus,
    tierWhen,
  };
}
