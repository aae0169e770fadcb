import { createHmac } from 'node:crypto';
import { signWithProviderKey } from './support/provider-forge';
import { DataSource } from 'typeorm';
import { AuditEntryView, AuditWriter } from '@app/core';
import { enterpriseBody, newUscc } from './support/fixtures';
import { createTestApp, TestApp, TEST_NOW } from './support/test-app';
import { eventually } from './support/test-worker';

const errorShape = {
  statusCode: expect.any(Number),
  error: expect.any(String),
  message: expect.any(String),
};

/** Boots an app with some settings changed, as another API instance would be configured. */
async function appWith(env: Record<string, string>): Promise<TestApp> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await createTestApp();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('security: audit trail, tokens, limits, headers (real MySQL + Redis)', () => {
  let t: TestApp;
  let admin: string;
  let regulator: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.token({ role: 'admin', sub: 'admin-security' });
    regulator = await t.token({ role: 'regulator', region: '3301', sub: 'regulator-audit-1' });
  });
  afterAll(() => t.close());

  const auditOf = async (query: string) =>
    (await t.http().get(`/api/v1/audit?${query}`).set(auth(admin)).expect(200)).body as {
      items: AuditEntryView[];
      total: number;
      page: number;
      pageSize: number;
    };

  describe('audit trail', () => {
    it('records a regulator read of risk data: who, role, region, what, when, outcome, request id, ip', async () => {
      const uscc = newUscc('330106');
      await t.putEnterprise(uscc);
      const res = await t
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk`)
        .set(auth(regulator))
        .set('X-Request-Id', `audit-test-${uscc}`);
      expect(res.status).toBe(404); // never assessed: no worker here; audited all the same
      const page = await eventually(async () => {
        const p = await auditOf(`uscc=${uscc}`);
        // items, not total: the count and the page are two reads and a flush may land between them.
        return p.items.length > 0 ? p : undefined;
      });
      expect(page.items).toEqual([
        {
          id: expect.any(Number),
          at: TEST_NOW,
          actor: { sub: 'regulator-audit-1', role: 'regulator', region: '3301' },
          action: 'risk.read',
          resource: uscc,
          uscc,
          statusCode: 404,
          requestId: res.headers['x-request-id'], // ours, a UUID
          clientRequestId: `audit-test-${uscc}`, // what the client sent, labelled as theirs
          ip: expect.stringMatching(/127\.0\.0\.1|::1/),
        },
      ]);
      // Nothing secret in the row: no token, no signature.
      expect(JSON.stringify(page)).not.toContain(regulator.split('.')[2]);
    });

    it('names what a decision created by the id in its result', async () => {
      const region = '330183';
      const sub = `regulator-audit-create-${Date.now()}`;
      await t
        .http()
        .post('/api/v1/inspectors')
        .set(auth(admin))
        .send({ name: '审计测试检查员', regionCode: region, active: true })
        .expect(201);
      await t.putEnterprise(newUscc(region));
      const plan = await t
        .http()
        .post('/api/v1/inspection-plans')
        .set(auth(await t.token({ role: 'regulator', region, sub })))
        .send({ name: 'audited plan', seed: 'audit-create' });
      expect(plan.status).toBe(201);
      const page = await eventually(async () => {
        const p = await auditOf(`actor=${sub}`);
        return p.items.length === 1 ? p : undefined;
      });
      expect(page.items[0]).toMatchObject({
        action: 'inspection-plan.create',
        resource: String(plan.body.id),
        statusCode: 201,
      });
    });

    it('records decisions with their outcome, and filters by actor, uscc, action and time', async () => {
      const sub = `regulator-audit-${Date.now()}`;
      const reg = await t.token({ role: 'regulator', region: '330106', sub });
      // A plan over a region without inspectors is refused (422): the refusal is audited too.
      const plan = await t
        .http()
        .post('/api/v1/inspection-plans')
        .set(auth(reg))
        .send({ name: 'audit test plan', seed: 'audit' });
      expect(plan.status).toBeGreaterThanOrEqual(200);
      await t.http().post('/api/v1/repair-applications/999999999/accept').set(auth(reg)).send({
        version: 1,
      });
      const page = await eventually(async () => {
        const p = await auditOf(`actor=${sub}`);
        return p.items.length === 2 ? p : undefined;
      });
      expect(page.items.map((i) => [i.action, i.statusCode])).toEqual([
        ['repair.accept', 404],
        ['inspection-plan.create', plan.status],
      ]);
      expect((await auditOf(`actor=${sub}&action=repair.accept`)).total).toBe(1);
      expect((await auditOf(`actor=${sub}&from=2026-06-15&to=2026-06-15`)).total).toBe(2);
      expect((await auditOf(`actor=${sub}&from=2026-06-16`)).total).toBe(0);
      expect((await auditOf(`actor=${sub}&to=${encodeURIComponent(TEST_NOW)}`)).total).toBe(0);
      expect(await auditOf(`actor=${sub}&page=2&pageSize=1`)).toMatchObject({
        page: 2,
        pageSize: 1,
        total: 2,
        items: [{ action: 'inspection-plan.create' }],
      });
    });

    it('is for admins only, and validates its filters', async () => {
      const r = await t.http().get('/api/v1/audit').set(auth(regulator)).expect(403);
      expect(r.body).toMatchObject(errorShape);
      const bad = await t
        .http()
        .get('/api/v1/audit?uscc=nope&from=yesterday&pageSize=501')
        .set(auth(admin))
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'from',
        'pageSize',
        'uscc',
      ]);
    });

    it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
      await t.app.get(AuditWriter).flush();
      const db = t.app.get(DataSource);
      // An entry of this test's own, so the triggers have a row to guard.
      const { insertId } = await db.query(
        "INSERT INTO audit_log (at, actor_sub, actor_role, action, status_code) VALUES (NOW(3), 'append-only-test', 'admin', 'test', 200)",
      );
      const row = `id = ${Number(insertId)}`;
      await expect(db.query(`UPDATE audit_log SET actor_sub = 'x' WHERE ${row}`)).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query(`DELETE FROM audit_log WHERE ${row}`)).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE TABLE audit_log')).rejects.toThrow(/truncate/i);
      const [kept] = await db.query(`SELECT actor_sub FROM audit_log WHERE ${row}`);
      expect(kept).toEqual({ actor_sub: 'append-only-test' });
    });
  });

  describe('tokens', () => {
    const hmac = (header: object, claims: object, secret: string) => {
      const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const input = `${b(header)}.${b(claims)}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    };
    const claims = (o: object = {}) => ({
      sub: 'forger',
      role: 'admin',
      iss: t.issuer,
      aud: 'credit-risk-api',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 600,
      ...o,
    });

    it('accepts a correct token and refuses alg:none, a wrong issuer, audience or an expired one with 401', async () => {
      await t
        .http()
        .get('/api/v1/audit?pageSize=1')
        .set(auth(signWithProviderKey({}, claims())))
        .expect(200);
      const unsigned = hmac({ alg: 'none' }, claims(), 'x').split('.').slice(0, 2).join('.') + '.';
      for (const token of [
        unsigned,
        signWithProviderKey({}, claims({ iss: 'elsewhere' })),
        signWithProviderKey({}, claims({ aud: 'another-api' })),
        signWithProviderKey({}, claims({ exp: Math.floor(Date.now() / 1000) - 120 })),
        hmac({ alg: 'HS256' }, claims(), 'a-guessed-secret-that-is-long-enough-0000'),
      ]) {
        const r = await t.http().get('/api/v1/audit').set(auth(token)).expect(401);
        expect(r.body).toMatchObject({ ...errorShape, statusCode: 401 });
      }
    });
  });

  describe('rate limit, held in Redis across API instances', () => {
    it('answers 429 with Retry-After past RATE_LIMIT per caller, counting every instance', async () => {
      const env = { RATE_LIMIT: '3', RATE_LIMIT_WINDOW_SECONDS: '60' };
      const a = await appWith(env);
      const b = await appWith(env);
      try {
        const caller = { role: 'admin' as const, sub: `throttled-${Date.now()}` };
        const token = await a.token(caller);
        const get = (x: TestApp, tok = token) =>
          x.http().get('/api/v1/audit?pageSize=1').set(auth(tok));
        expect((await get(a)).status).toBe(200);
        expect((await get(b)).status).toBe(200);
        expect((await get(a)).status).toBe(200);
        const refused = await get(b);
        expect(refused.status).toBe(429);
        expect(refused.body).toMatchObject({ ...errorShape, statusCode: 429 });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
        // Another caller has its own budget; health is never limited.
        expect(
          (await get(a, await a.token({ role: 'admin', sub: `${caller.sub}-other` }))).status,
        ).toBe(200);
        await a.http().get('/api/v1/health').expect(200);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  describe('headers, body size, CORS', () => {
    it("sets the API security headers on API responses, helmet's on pages", async () => {
      const r = await t.http().get('/api/v1/health');
      // Terminus sets its own, stricter still; any other API response gets ours, errors too.
      expect(r.headers['cache-control']).toContain('no-store');
      const refused = await t.http().get('/api/v1/risk/summary');
      expect([refused.status, refused.headers['cache-control']]).toEqual([401, 'no-store']);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(r.headers['content-security-policy']).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(r.headers['x-xss-protection']).toBeUndefined();
      expect(r.headers['x-powered-by']).toBeUndefined();
      const page = await t.http().get('/docs');
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['cache-control']).not.toBe('no-store');
    });

    it('refuses a JSON body over BODY_LIMIT_BYTES with 413 and writes nothing', async () => {
      const uscc = newUscc('330106');
      const r = await t
        .http()
        .put(`/api/v1/enterprises/${uscc}`)
        .set(auth(admin))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(enterpriseBody({ name: 'x'.repeat(1024 ** 2 + 10) })));
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ ...errorShape, statusCode: 413 });
      await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(admin)).expect(404);
    });

    it('accepts penalty amounts the DECIMAL(16,2) column holds and refuses longer ones with 400', async () => {
      const uscc = newUscc('330106');
      await t.putEnterprise(uscc);
      const penalty = (amount: string | number) => ({
        kind: 'PENALTY',
        occurredOn: '2026-02-15',
        severity: 'MODERATE',
        amount,
        violationType: '虚假宣传',
        documentNo: '杭西市监处罚〔2026〕1号',
      });
      const post = (amount: string | number) =>
        t.http().post(`/api/v1/enterprises/${uscc}/records`).set(auth(admin)).send(penalty(amount));
      expect((await post('99999999999999.99')).status).toBe(201);
      for (const amount of ['123456789012345.00', '1234567890123456', 123456789012345]) {
        const r = await post(amount);
        expect(r.status).toBe(400);
        expect(r.body.details).toEqual([{ field: 'amount', message: expect.any(String) }]);
      }
    });

    it('allows the configured CORS origins only', async () => {
      const c = await appWith({ CORS_ORIGINS: 'https://console.example.gov.cn' });
      try {
        const ok = await c
          .http()
          .options('/api/v1/risk')
          .set('Origin', 'https://console.example.gov.cn')
          .set('Access-Control-Request-Method', 'GET')
          .set('Access-Control-Request-Headers', 'authorization');
        expect(ok.status).toBe(204);
        expect(ok.headers['access-control-allow-origin']).toBe('https://console.example.gov.cn');
        const other = await c
          .http()
          .get('/api/v1/health')
          .set('Origin', 'https://evil.example.com');
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await c.close();
      }
      const none = await t.http().get('/api/v1/health').set('Origin', 'https://evil.example.com');
      expect(none.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
