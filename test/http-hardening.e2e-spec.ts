import { randomInt, randomUUID } from 'node:crypto';
import { USCC_ALPHABET, usccCheckCharacter } from '@app/core';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { enterpriseBody, newUscc } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { eventually } from './support/test-worker';
import { signWithProviderKey } from './support/provider-forge';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Security round 2 (issue 23, items 1, 2, 3, 5, 7, 8, 9): see docs/security.md. */
describe('HTTP hardening', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    process.env.HTTP_IDLE_TIMEOUT_MS = '1500';
    process.env.HTTP_REQUEST_TIMEOUT_MS = '2000';
    process.env.HTTP_HEADERS_TIMEOUT_MS = '1000';
    t = await createTestApp();
    admin = await t.token({ role: 'admin' });
  });
  afterAll(async () => {
    delete process.env.HTTP_IDLE_TIMEOUT_MS;
    delete process.env.HTTP_REQUEST_TIMEOUT_MS;
    delete process.env.HTTP_HEADERS_TIMEOUT_MS;
    await t.close();
  });

  describe('paths are authorized as the router reads them (items 1, 2)', () => {
    /** Spellings of `path` a raw-URL comparison would not recognise. */
    const variants = (path: string): string[] => {
      const [, first, ...rest] = path.split('/');
      const enc = (s: string) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`;
      const tail = rest.length ? `/${rest.join('/')}` : '';
      return [
        `/${enc(first)}${tail}`,
        `/${first}/${rest.length ? enc(rest[0]) + '/' + rest.slice(1).join('/') : ''}`,
        `/%25${first.charCodeAt(0).toString(16)}${first.slice(1)}${tail}`,
        `/${first.toUpperCase()}${tail}`,
        `/${enc(first).toUpperCase()}${tail}`,
        `${path}/`,
        `/x/..${path}`,
        `/x/%2e%2e${path}`,
        `/${first}//${rest.join('/')}`,
      ].map((p) => p.replace(/\/$/, '/').replace(/\/\/$/, '/'));
    };

    const board = ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/api/redis/stats'];
    it.each(board)('no spelling of %s opens the queue board without a token', async (path) => {
      for (const p of variants(path)) {
        const r = await t.http().get(p);
        expect([p, [401, 404].includes(r.status)]).toEqual([p, true]);
        expect([p, r.body?.queues, r.body?.redisInfo]).toEqual([p, undefined, undefined]);
      }
    });

    it('no spelling of a board action runs it without a token', async () => {
      for (const p of variants('/admin/queues/api/queues/rescore/pause')) {
        const r = await t.http().put(p);
        expect([p, [401, 404].includes(r.status)]).toEqual([p, true]);
      }
      for (const p of variants('/admin/queues/api/queues/rescore/add')) {
        const r = await t.http().post(p).send({ name: 'x', data: {} });
        expect([p, [401, 404].includes(r.status)]).toEqual([p, true]);
      }
    });

    it('the board is read-only by default, even for an admin, and its page offers no actions', async () => {
      const r = await t.http().put('/admin/%71ueues/api/queues/rescore/pause').set(auth(admin));
      expect(r.status).toBe(403);
      const queues = await t.http().get('/admin/%71ueues/api/queues').set(auth(admin)).expect(200);
      expect(queues.body.queues.length).toBeGreaterThan(0);
      for (const q of queues.body.queues) expect([q.name, q.readOnlyMode]).toEqual([q.name, true]);
    });

    it('QUEUE_BOARD_READ_ONLY=false gives an admin the actions back', async () => {
      process.env.QUEUE_BOARD_READ_ONLY = 'false';
      const writable = await createTestApp().finally(
        () => delete process.env.QUEUE_BOARD_READ_ONLY,
      );
      try {
        const queues = await writable.http().get('/admin/queues/api/queues').set(auth(admin));
        for (const q of queues.body.queues)
          expect([q.name, q.readOnlyMode]).toEqual([q.name, false]);
        await writable
          .http()
          .put('/admin/queues/api/queues/rescore/pause')
          .set(auth(admin))
          .expect(200);
        await writable
          .http()
          .put('/admin/queues/api/queues/rescore/resume')
          .set(auth(admin))
          .expect(200);
        // Still admins only.
        const regulator = await writable.token({ role: 'regulator', region: '33' });
        await writable
          .http()
          .put('/admin/queues/api/queues/rescore/pause')
          .set(auth(regulator))
          .expect(403);
      } finally {
        await writable.close();
      }
    });

    it('no spelling of an API route answers without a token', async () => {
      const uscc = newUscc('330106');
      for (const path of [`/api/v1/enterprises/${uscc}/risk`, '/api/v1/risk/summary']) {
        for (const p of variants(path)) {
          const r = await t.http().get(p);
          expect([p, [401, 404].includes(r.status)]).toEqual([p, true]);
        }
      }
    });

    it('API security headers are on an encoded spelling of an API route', async () => {
      const uscc = newUscc('330106');
      await t.putEnterprise(uscc, { regionCode: '330106' });
      const plain = await t.http().get(`/api/v1/enterprises/${uscc}/risk`).set(auth(admin));
      const r = await t.http().get(`/%61pi/v1/enterprises/${uscc}/risk`).set(auth(admin));
      expect(r.status).toBe(plain.status);
      expect(r.body).toEqual(plain.body);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['content-security-policy']).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      const page = await t.http().get('/%64ocs');
      expect(page.headers['cache-control']).not.toBe('no-store');
    });
  });

  describe('slow clients are cut off (item 5)', () => {
    it('closes a connection whose body stalls, within the configured time', async () => {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      const started = Date.now();
      let answer = '';
      socket.on('data', (d) => (answer += String(d)));
      const closed = new Promise<number>((resolve) =>
        socket.on('close', () => resolve(Date.now())),
      );
      socket.on('error', () => undefined);
      socket.write(
        `POST /api/v1/risk/simulate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":',
      );
      // Dribble a byte every 300 ms: never idle, but never done.
      const dribble = setInterval(() => socket.writable && socket.write(' '), 300);
      const end = await Promise.race([
        closed,
        new Promise<number>((r) => setTimeout(() => r(-1), 15000)),
      ]);
      clearInterval(dribble);
      socket.destroy();
      expect(end).not.toBe(-1);
      expect(end - started).toBeLessThan(6000);
      expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
    });
  });

  describe('tokens (item 7)', () => {
    const sign = (header: object, claims: object) =>
      signWithProviderKey({ typ: 'at+jwt', ...header }, claims);
    const now = () => Math.floor(Date.now() / 1000);
    const base = () => ({ sub: 'a', role: 'admin', iss: t.issuer, aud: 'credit-risk-api' });

    it('refuses a token living longer than JWT_MAX_LIFETIME_SECONDS (12 h)', async () => {
      const year9999 = sign({}, { ...base(), iat: now(), exp: 253402300799 });
      await t.http().get('/api/v1/risk/summary').set(auth(year9999)).expect(401);
      const noIat = sign({}, { ...base(), exp: now() + 13 * 3600 });
      await t.http().get('/api/v1/risk/summary').set(auth(noIat)).expect(401);
      const fine = sign({}, { ...base(), iat: now(), exp: now() + 3600 });
      await t.http().get('/api/v1/risk/summary').set(auth(fine)).expect(200);
    });

    it('refuses a token with a crit header', async () => {
      const crit = sign({ crit: ['x'], x: 1 }, { ...base(), iat: now(), exp: now() + 600 });
      await t.http().get('/api/v1/risk/summary').set(auth(crit)).expect(401);
    });

    it('says why in plain words, without the expected issuer or audience', async () => {
      const wrong = sign({}, { ...base(), iss: 'x', aud: 'y', iat: now(), exp: now() + 600 });
      const r = await t.http().get('/api/v1/risk/summary').set(auth(wrong)).expect(401);
      expect(JSON.stringify(r.body)).not.toMatch(/idp|credit-risk-api|expected/);
      expect(JSON.stringify(r.body)).toMatch(/invalid token/);
      const old = sign({}, { ...base(), iat: now() - 7200, exp: now() - 3600 });
      const e = await t.http().get('/api/v1/risk/summary').set(auth(old)).expect(401);
      expect(JSON.stringify(e.body)).toMatch(/token expired/);
    });
  });

  describe('money is exact to the cent (item 3)', () => {
    const put = (uscc: string, registeredCapital: string | number) =>
      t
        .http()
        .put(`/api/v1/enterprises/${uscc}`)
        .set(auth(admin))
        .send(enterpriseBody({ registeredCapital }));
    const fine = (uscc: string, amount: string | number) =>
      t.http().post(`/api/v1/enterprises/${uscc}/records`).set(auth(admin)).send({
        kind: 'PENALTY',
        occurredOn: '2026-02-15',
        severity: 'MINOR',
        amount,
        violationType: '虚假宣传',
        documentNo: '杭西市监处罚〔2026〕9号',
      });

    it('stores and reads back every digit the DECIMAL columns hold', async () => {
      for (const capital of ['9999999999999999', '999999999999999.99', '0.01']) {
        const uscc = newUscc('330106');
        const created = await put(uscc, capital);
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const expected = capital.includes('.') ? capital : `${capital}.00`;
        expect(created.body.registeredCapital).toBe(expected);
        const read = await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(admin));
        expect(read.body.registeredCapital).toBe(expected);
      }
      const uscc = newUscc('330106');
      await t.putEnterprise(uscc);
      const added = await fine(uscc, '99999999999999.99');
      expect(added.status).toBe(201);
      expect(added.body.amount).toBe('99999999999999.99');
      const records = await t.http().get(`/api/v1/enterprises/${uscc}/records`).set(auth(admin));
      expect(records.body.items[0].amount).toBe('99999999999999.99');
    });

    it('refuses an amount the column cannot hold, or a number already rounded by JSON, with 400 naming the field', async () => {
      const uscc = newUscc('330106');
      for (const [capital, why] of [
        ['99999999999999999', /at most 16 digits before the decimal point/],
        [Number('99999999999999.99'), /as a decimal string/],
        ['1.005', /at most 2 decimals/],
      ] as const) {
        const r = await put(uscc, capital);
        expect(r.status, String(capital)).toBe(400);
        expect(r.body.details).toEqual([
          { field: 'registeredCapital', message: expect.stringMatching(why) },
        ]);
      }
      await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(admin)).expect(404);
    });

    it('a capital sent in another spelling of the same amount is not a change', async () => {
      const uscc = newUscc('330106');
      await put(uscc, '5000000').expect(201);
      const before = await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(admin));
      t.clock.advance(60_000);
      await put(uscc, '0005000000.00').expect(200);
      const after = await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(admin));
      expect(after.body.inputsChangedAt).toBe(before.body.inputsChangedAt);
      expect(after.body.registeredCapital).toBe('5000000.00');
    });
  });

  describe('the audit trail names a resource one way, under our request id (item 8)', () => {
    it('records the canonical USCC and id whatever the spelling, and a client-sent id apart', async () => {
      const sub = `audit-canon-${randomUUID()}`;
      const regulator = await t.token({ role: 'regulator', region: '33', sub });
      // 'FL' so that the ligature ﬂ spells part of it.
      let org = 'FL';
      while (org.length < 9) org += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)];
      const uscc = `91330106${org}` + usccCheckCharacter(`91330106${org}`);
      await t.putEnterprise(uscc);
      const spellings = [
        uscc,
        `\ufeff${uscc}`,
        uscc.toLowerCase(),
        uscc.replace('FL', '\ufb02'),
        `\uff19\uff11${uscc.slice(2)}`, // full-width ９１
      ];
      const ours = new Map<string, string>(); // our request id -> the id the client sent
      for (const [i, spelling] of spellings.entries()) {
        const r = await t
          .http()
          .get(`/api/v1/enterprises/${encodeURIComponent(spelling)}/risk`)
          .set(auth(regulator))
          .set('X-Request-Id', `client-${i}`);
        expect(r.status, spelling).toBe(404); // never assessed (no worker here): audited all the same
        expect(r.headers['x-request-id']).toMatch(UUID);
        ours.set(r.headers['x-request-id'], `client-${i}`);
      }
      for (const id of ['987654321', '0x1']) {
        const r = await t.http().get(`/api/v1/repair-applications/${id}`).set(auth(regulator));
        expect(r.status).toBe(id === '0x1' ? 400 : 404);
      }

      const items = await eventually(async () => {
        const r = await t.http().get(`/api/v1/audit?actor=${sub}&pageSize=50`).set(auth(admin));
        return r.body.items?.length === spellings.length + 2 ? r.body.items : undefined;
      });
      const reads = items.filter((e: { action: string }) => e.action === 'risk.read');
      expect(reads).toHaveLength(spellings.length);
      for (const e of reads) {
        expect(e).toMatchObject({ resource: uscc, uscc, requestId: expect.stringMatching(UUID) });
        expect(e.clientRequestId).toBe(ours.get(e.requestId));
      }
      const applications = items
        .filter((e: { action: string }) => e.action === 'repair-application.read')
        .map((e: { resource: string | null; statusCode: number; clientRequestId: unknown }) => [
          e.resource,
          e.statusCode,
          e.clientRequestId,
        ]);
      // `0x1` is no id (400): its raw spelling is in the request log under the same request id.
      expect(applications).toHaveLength(2);
      expect(applications).toEqual(
        expect.arrayContaining([
          ['987654321', 404, null],
          [null, 400, null],
        ]),
      );
    });
  });

  describe('numeric ids have one spelling (item 9)', () => {
    /** Each id route with a caller allowed to read it. */
    const routes: [string, () => string | Promise<string>][] = [
      ['/api/v1/reclassifications/', () => admin],
      ['/api/v1/imports/', () => admin],
      ['/api/v1/repair-applications/', () => t.token({ role: 'regulator', region: '33' })],
      ['/api/v1/inspection-plans/', () => t.token({ role: 'regulator', region: '33' })],
    ];

    it.each(['0x1', '%2B1', '1.0', '01', '1e0', '0', '-1', '9007199254740993'])(
      '%s is refused with 400 naming the parameter on every id route',
      async (spelling) => {
        for (const [route, caller] of routes) {
          const r = await t
            .http()
            .get(`${route}${spelling}`)
            .set(auth(await caller()));
          expect(r.status, `${route} ${JSON.stringify(r.body)}`).toBe(400);
          expect(r.body.message, route).toMatch(/^id: must be a positive whole number/);
        }
      },
    );

    it('a record id in a query string has the same one spelling', async () => {
      const regulator = await t.token({ role: 'regulator', region: '33' });
      const eligibility = (recordId: string) =>
        t
          .http()
          .get(`/api/v1/repair-applications/eligibility?recordId=${recordId}`)
          .set(auth(regulator));
      for (const spelling of ['0x1', '%2B1', '1.0', '1e0']) {
        const r = await eligibility(spelling);
        expect(r.status, spelling).toBe(400);
        expect(r.body.details, spelling).toEqual([
          { field: 'recordId', message: expect.any(String) },
        ]);
      }
      expect((await eligibility('987654321')).status).toBe(404);
    });

    it('the canonical form is parsed (a missing id is 404, not 400)', async () => {
      for (const [route, caller] of routes) {
        const r = await t
          .http()
          .get(`${route}987654321`)
          .set(auth(await caller()));
        expect(r.status, route).toBe(404);
      }
    });
  });
});
