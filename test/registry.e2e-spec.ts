import { createTestApp, TestApp } from './support/test-app';
import { enterpriseBody, newUscc } from './support/fixtures';

const RECORDS_OF_EVERY_KIND = [
  {
    kind: 'PENALTY',
    occurredOn: '2026-03-01',
    severity: 'MODERATE',
    amount: '20000.00',
    violationType: '虚假宣传',
    documentNo: '杭西市监处罚〔2026〕12号',
  },
  { kind: 'ABNORMAL_LISTING', occurredOn: '2026-02-01', reason: '通过登记的住所无法联系' },
  { kind: 'SERIOUS_DISHONESTY_LISTING', occurredOn: '2026-01-10', reason: '提交虚假材料取得登记' },
  { kind: 'INSPECTION', occurredOn: '2025-11-20', result: 'PASS' },
  { kind: 'COMPLAINT', occurredOn: '2026-04-02' },
  { kind: 'HONOR', occurredOn: '2024-05-01', title: '守合同重信用' },
  { kind: 'TAX_RATING', occurredOn: '2025-04-15', year: 2024, rating: 'A' },
  { kind: 'JUDGMENT_DEBTOR', occurredOn: '2026-05-05' },
  { kind: 'ANNUAL_REPORT', occurredOn: '2026-03-30', year: 2025 },
  { kind: 'LEGAL_REP_CHANGE', occurredOn: '2026-01-05' },
  { kind: 'ADDRESS_CHANGE', occurredOn: '2026-02-05' },
];

describe('registry API (real MySQL + Redis)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.token({ role: 'admin' });
  });
  afterAll(() => t.close());

  const put = (uscc: string, body: object, token = admin) =>
    t.http().put(`/api/v1/enterprises/${uscc}`).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) =>
    t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);

  it('answers health with MySQL and Redis up', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.mysql.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
  });

  it('serves an OpenAPI document covering every registry route', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/enterprises/{uscc}',
        '/api/v1/enterprises/{uscc}/records',
        '/api/v1/enterprises/{uscc}/persons',
      ]),
    );
  });

  it('refuses a missing or forged token with 401 in the error shape', async () => {
    const uscc = newUscc();
    const none = await t.http().get(`/api/v1/enterprises/${uscc}`).expect(401);
    expect(none.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.any(String),
    });
    await get(`/enterprises/${uscc}`, 'not.a.jwt').expect(401);
    const forged = admin.slice(0, -3) + (admin.endsWith('abc') ? 'xyz' : 'abc');
    await get(`/enterprises/${uscc}`, forged).expect(401);
  });

  it('refuses with 403 a role that may not call the route', async () => {
    const uscc = newUscc();
    await put(uscc, enterpriseBody(), await t.token({ role: 'regulator', region: '33' })).expect(
      403,
    );
    await put(uscc, enterpriseBody(), await t.token({ role: 'enterprise', uscc })).expect(403);
    await get(`/enterprises/${uscc}`, admin).expect(404); // nothing was written
  });

  it('upserts: 201 then 200, idempotent, and inputsChangedAt moves only when inputs change', async () => {
    const uscc = newUscc();
    const first = await put(uscc, enterpriseBody()).expect(201);
    expect(first.body).toMatchObject({
      uscc,
      regionCode: '330106',
      registeredCapital: '5000000.00',
      status: 'ACTIVE',
    });
    t.clock.advance(60_000);
    const again = await put(uscc, enterpriseBody()).expect(200);
    expect(again.body.inputsChangedAt).toBe(first.body.inputsChangedAt);
    t.clock.advance(60_000);
    const changed = await put(uscc, enterpriseBody({ registeredCapital: 12000000 })).expect(200);
    expect(changed.body.registeredCapital).toBe('12000000.00');
    expect(new Date(changed.body.inputsChangedAt).getTime()).toBeGreaterThan(
      new Date(first.body.inputsChangedAt).getTime(),
    );
  });

  it('normalises a lower-case USCC', async () => {
    const uscc = newUscc();
    await put(uscc.toLowerCase(), enterpriseBody()).expect(201);
    const res = await get(`/enterprises/${uscc.toLowerCase()}`, admin).expect(200);
    expect(res.body.uscc).toBe(uscc);
  });

  it.each([
    ['an invalid USCC', '91110000600037341N', {}, 'uscc'],
    ['an unknown field', null, { colour: 'red' }, 'colour'],
    ['a bad date', null, { establishedOn: '2021-02-30' }, 'establishedOn'],
    ['a negative capital', null, { registeredCapital: -5 }, 'registeredCapital'],
    ['a bad enum', null, { status: 'DISSOLVED' }, 'status'],
    ['a 4-digit region code', null, { regionCode: '3301' }, 'regionCode'],
  ])(
    'refuses %s with 400 naming the field, writing nothing',
    async (_, badUscc, overrides, field) => {
      const uscc = (badUscc as string | null) ?? newUscc();
      const res = await put(uscc, enterpriseBody(overrides as Record<string, unknown>)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      if (!badUscc) await get(`/enterprises/${uscc}`, admin).expect(404);
    },
  );

  describe('jurisdiction', () => {
    const uscc = newUscc('330106');
    beforeAll(async () => {
      await put(uscc, enterpriseBody()).expect(201);
    });

    it('lets a regulator inside the region read (200) and hides it from one outside (404)', async () => {
      for (const region of ['33', '3301', '330106']) {
        await get(`/enterprises/${uscc}`, await t.token({ role: 'regulator', region })).expect(200);
      }
      for (const region of ['31', '3302', '330105']) {
        const res = await get(
          `/enterprises/${uscc}`,
          await t.token({ role: 'regulator', region }),
        ).expect(404);
        expect(res.body.statusCode).toBe(404);
      }
      await get(
        `/enterprises/${uscc}/records`,
        await t.token({ role: 'regulator', region: '44' }),
      ).expect(404);
    });

    it('lets an enterprise read itself and nobody else', async () => {
      await get(`/enterprises/${uscc}`, await t.token({ role: 'enterprise', uscc })).expect(200);
      await get(`/enterprises/${uscc}/records`, await t.token({ role: 'enterprise', uscc })).expect(
        200,
      );
      const other = newUscc('330106');
      await get(`/enterprises/${uscc}`, await t.token({ role: 'enterprise', uscc: other })).expect(
        404,
      );
    });
  });

  describe('records', () => {
    it('accepts a record of every kind and lists them with their status', async () => {
      const uscc = newUscc();
      await put(uscc, enterpriseBody()).expect(201);
      const ids: number[] = [];
      for (const body of RECORDS_OF_EVERY_KIND) {
        const res = await t
          .http()
          .post(`/api/v1/enterprises/${uscc}/records`)
          .set('Authorization', `Bearer ${admin}`)
          .send(body)
          .expect(201);
        expect(res.body).toMatchObject({ ...body, status: 'ACTIVE', id: expect.any(Number) });
        ids.push(res.body.id);
      }
      const list = await get(`/enterprises/${uscc}/records?pageSize=100`, admin).expect(200);
      expect(list.body.total).toBe(RECORDS_OF_EVERY_KIND.length);
      expect(list.body.items.map((r: { id: number }) => r.id).sort()).toEqual([...ids].sort());
      expect(new Set(list.body.items.map((r: { kind: string }) => r.kind)).size).toBe(11);
      expect(list.body.items.every((r: { status: string }) => r.status === 'ACTIVE')).toBe(true);
    });

    it.each([
      [
        {
          kind: 'PENALTY',
          occurredOn: '2026-03-01',
          amount: 1,
          violationType: 'x',
          documentNo: 'd',
        },
        'severity',
      ],
      [{ kind: 'COMPLAINT', occurredOn: '2026-03-01', title: '守合同重信用' }, 'title'],
      [{ kind: 'INSPECTION', occurredOn: '2026-03-01', result: 'MAYBE' }, 'result'],
      [{ kind: 'TAX_RATING', occurredOn: '2026-03-01', year: 2025, rating: 'E' }, 'rating'],
      [{ kind: 'WHATEVER', occurredOn: '2026-03-01' }, 'kind'],
      [{ kind: 'COMPLAINT', occurredOn: '2026-13-01' }, 'occurredOn'],
    ])(
      'validates record bodies per kind: %j -> 400 on %s, nothing written',
      async (body, field) => {
        const uscc = newUscc();
        await put(uscc, enterpriseBody()).expect(201);
        const res = await t
          .http()
          .post(`/api/v1/enterprises/${uscc}/records`)
          .set('Authorization', `Bearer ${admin}`)
          .send(body)
          .expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
        const list = await get(`/enterprises/${uscc}/records`, admin).expect(200);
        expect(list.body.total).toBe(0);
      },
    );

    it('answers 404 for a record on an unknown enterprise', async () => {
      await t
        .http()
        .post(`/api/v1/enterprises/${newUscc()}/records`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ kind: 'COMPLAINT', occurredOn: '2026-03-01' })
        .expect(404);
    });

    it('moves inputsChangedAt on a record write and on a persons write', async () => {
      const uscc = newUscc();
      const created = await put(uscc, enterpriseBody()).expect(201);
      t.clock.advance(3_600_000);
      await t
        .http()
        .post(`/api/v1/enterprises/${uscc}/records`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ kind: 'COMPLAINT', occurredOn: '2026-06-01' })
        .expect(201);
      const afterRecord = await get(`/enterprises/${uscc}`, admin).expect(200);
      expect(afterRecord.body.inputsChangedAt).toBe(t.clock.now().toISOString());
      expect(afterRecord.body.inputsChangedAt > created.body.inputsChangedAt).toBe(true);

      t.clock.advance(3_600_000);
      const idHash = 'a'.repeat(63) + '1';
      const res = await t
        .http()
        .put(`/api/v1/enterprises/${uscc}/persons`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ persons: [{ idHash, name: '王建国', role: 'LEGAL_REPRESENTATIVE' }] })
        .expect(200);
      expect(res.body.persons).toEqual([{ idHash, name: '王建国', role: 'LEGAL_REPRESENTATIVE' }]);
      const afterPersons = await get(`/enterprises/${uscc}`, admin).expect(200);
      expect(afterPersons.body.inputsChangedAt).toBe(t.clock.now().toISOString());
    });

    it('single writes and the import share one path: a reference already on file is a 409 writing nothing, as an import skips it', async () => {
      const uscc = newUscc();
      await put(uscc, enterpriseBody()).expect(201);
      const post = () =>
        t
          .http()
          .post(`/api/v1/enterprises/${uscc}/records`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ kind: 'COMPLAINT', occurredOn: '2026-06-01', reference: 'SRC-77' });
      await post().expect(201);
      const again = await post().expect(409);
      expect(again.body.message).toContain('reference');
      const list = await get(`/enterprises/${uscc}/records`, admin).expect(200);
      expect(list.body.items).toHaveLength(1);
    });

    it('replacing the same person set changes nothing; a different one moves inputsChangedAt', async () => {
      const uscc = newUscc();
      await put(uscc, enterpriseBody()).expect(201);
      const persons = (idHash: string) =>
        t
          .http()
          .put(`/api/v1/enterprises/${uscc}/persons`)
          .set('Authorization', `Bearer ${admin}`)
          .send({ persons: [{ idHash, name: '李梅', role: 'SHAREHOLDER' }] })
          .expect(200);
      await persons('b'.repeat(64));
      const first = (await get(`/enterprises/${uscc}`, admin).expect(200)).body.inputsChangedAt;
      t.clock.advance(3_600_000);
      await persons('b'.repeat(64));
      expect((await get(`/enterprises/${uscc}`, admin).expect(200)).body.inputsChangedAt).toBe(
        first,
      );
      await persons('c'.repeat(64));
      expect((await get(`/enterprises/${uscc}`, admin).expect(200)).body.inputsChangedAt).toBe(
        t.clock.now().toISOString(),
      );
    });

    it('concurrent person replacements over shared persons and a listing: every one answers 200 (deadlocks retried)', async () => {
      const usccs = Array.from({ length: 8 }, () => newUscc());
      for (const u of usccs) await put(u, enterpriseBody()).expect(201);
      await t
        .http()
        .post(`/api/v1/enterprises/${usccs[0]}/records`)
        .set('Authorization', `Bearer ${admin}`)
        .send({
          kind: 'ABNORMAL_LISTING',
          occurredOn: '2026-02-01',
          reason: '通过登记的住所无法联系',
        })
        .expect(201);
      const shared = ['d', 'e', 'f'].map((c) => c.repeat(64));
      const statuses = await Promise.all(
        usccs.flatMap((u, i) =>
          [0, 1].map(async (k) => {
            const res = await t
              .http()
              .put(`/api/v1/enterprises/${u}/persons`)
              .set('Authorization', `Bearer ${admin}`)
              .send({
                persons: [
                  { idHash: shared[(i + k) % 3], name: '张三', role: 'EXECUTIVE' },
                  { idHash: shared[(i + k + 1) % 3], name: '李四', role: 'SHAREHOLDER' },
                ],
              });
            return res.status;
          }),
        ),
      );
      expect(statuses).toEqual(statuses.map(() => 200));
    });

    it('refuses a raw ID number as a person hash', async () => {
      const uscc = newUscc();
      await put(uscc, enterpriseBody()).expect(201);
      const res = await t
        .http()
        .put(`/api/v1/enterprises/${uscc}/persons`)
        .set('Authorization', `Bearer ${admin}`)
        .send({
          persons: [{ idHash: '330106199001011234', name: '王建国', role: 'LEGAL_REPRESENTATIVE' }],
        })
        .expect(400);
      expect(res.body.details[0].field).toBe('persons.0.idHash');
    });
  });
});
