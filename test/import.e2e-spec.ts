import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { vi } from 'vitest';
import { importCommand } from '../apps/cli/src/commands/import.command';
import { ImportRunner, ImportRepository } from '@app/registry';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually } from './support/test-worker';
import { enterpriseBody, newUscc } from './support/fixtures';

const IMPORT_DIR = mkdtempSync(join(tmpdir(), 'crs-imports-'));
const hash = (c: string) => c.repeat(64);

const line = (o: unknown) => JSON.stringify(o);
const enterpriseLine = (uscc: string, extra: Record<string, unknown> = {}) => ({
  type: 'enterprise',
  uscc,
  enterprise: enterpriseBody(),
  ...extra,
});

describe('bulk import (POST /imports, worker, real MySQL + Redis)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  let db: DataSource;

  beforeAll(async () => {
    process.env.IMPORT_DIR = IMPORT_DIR;
    process.env.IMPORT_BATCH_SIZE = '4'; // several batches even for a small file
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    rmSync(IMPORT_DIR, { recursive: true, force: true });
  });

  const upload = (body: string, token = admin, type = 'application/x-ndjson') =>
    t
      .http()
      .post('/api/v1/imports')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(body);
  const get = (path: string, token = admin) =>
    t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const finished = (id: number) =>
    eventually(async () => {
      const res = await get(`/imports/${id}`).expect(200);
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, 20_000);

  // One file, every kind of line: good and bad.
  const [good, also, invalidRecord, unknownField, unknownNested] = [
    newUscc(),
    newUscc(),
    newUscc(),
    newUscc(),
    newUscc(),
  ];
  const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const lines = [
    /* 1 */ line(
      enterpriseLine(good, {
        records: [
          {
            kind: 'PENALTY',
            occurredOn: '2026-03-01',
            severity: 'MODERATE',
            amount: '20000.00',
            violationType: '虚假宣传',
            documentNo: '杭西市监处罚〔2026〕12号',
            reference: 'SRC-1',
          },
          { kind: 'INSPECTION', occurredOn: '2025-11-20', result: 'PASS', reference: 'SRC-2' },
          { kind: 'COMPLAINT', occurredOn: '2026-04-02' },
        ],
        persons: [
          { idHash: hash('a'), name: '王建国', role: 'LEGAL_REPRESENTATIVE' },
          { idHash: hash('b'), name: '李梅', role: 'SHAREHOLDER' },
        ],
      }),
    ),
    /* 2 */ '{"type":"enterprise", "uscc": ',
    /* 3 */ line(enterpriseLine(badCheck)),
    /* 4 */ line(
      enterpriseLine(invalidRecord, {
        records: [
          { kind: 'HONOR', occurredOn: '2024-05-01', title: '守合同重信用' },
          { kind: 'PENALTY', occurredOn: '2026-03-01', amount: '10.00' },
        ],
      }),
    ),
    /* 5 */ line({ ...enterpriseLine(unknownField), colour: 'red' }),
    /* 6 */ '',
    /* 7 */ line({
      type: 'enterprise',
      uscc: unknownNested,
      enterprise: { ...enterpriseBody(), colour: 'red' },
    }),
    /* 8 */ line({
      type: 'record',
      uscc: good,
      record: {
        kind: 'HONOR',
        occurredOn: '2024-05-01',
        title: '重合同守信用',
        reference: 'SRC-3',
      },
    }),
    /* 9 */ line({
      type: 'persons',
      uscc: invalidRecord,
      persons: [{ idHash: hash('c'), name: '张三', role: 'EXECUTIVE' }],
    }),
    // 16 digits: DECIMAL(16,2) holds 14, and the DTO says so (it once reached the database).
    /* 10 */ line({
      type: 'record',
      uscc: good,
      record: {
        kind: 'PENALTY',
        occurredOn: '2026-03-02',
        severity: 'MINOR',
        amount: '9999999999999999',
        violationType: '其他',
        documentNo: 'X-1',
      },
    }),
    /* 11 */ line(enterpriseLine(also.toLowerCase(), { records: [] })),
    /* 12 */ '[1, 2, 3]',
  ];
  const file = lines.join('\n') + '\n';

  let first:
    | Promise<{ accepted: unknown; id: number; report: Awaited<ReturnType<typeof finished>> }>
    | undefined;
  /** The import of `file` the tests below read: run by whichever test needs it first, so each runs alone. */
  const imported = () =>
    (first ??= (async () => {
      const res = await upload(file).expect(202);
      return { accepted: res.body, id: res.body.id as number, report: await finished(res.body.id) };
    })());

  it('accepts the upload with 202, imports it in the worker, and reports exact counts and rejections', async () => {
    const { accepted, id: firstId, report } = await imported();
    expect(accepted).toEqual({ id: expect.any(Number), status: 'queued' });
    expect(report).toMatchObject({
      id: firstId,
      status: 'completed',
      lines: 11, // the blank line 6 is not a line of data
      accepted: 3, // lines 1, 8 and 11
      rejected: 8,
      enterprises: 2,
      records: 4,
      recordsSkipped: 0,
      persons: 2,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      rejectionsTruncated: false,
    });
    const byLine = Object.fromEntries(
      report.rejections.map((r: { line: number; reason: string }) => [r.line, r.reason]),
    );
    expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4, 5, 7, 9, 10, 12]);
    expect(byLine[2]).toMatch(/^invalid JSON/);
    expect(byLine[3]).toMatch(/uscc: uscc must be a valid unified social credit code/);
    expect(byLine[4]).toMatch(/records\.1\.severity: .*severity is required for kind PENALTY/);
    expect(byLine[4]).toMatch(/records\.1\.violationType/);
    expect(byLine[5]).toMatch(/property colour should not exist/);
    expect(byLine[7]).toMatch(/enterprise\.colour: property colour should not exist/);
    expect(byLine[9]).toMatch(new RegExp(`enterprise ${invalidRecord} not found`));
    // 16 digits: refused by validation now that it matches the DECIMAL(16,2) column (issue 7).
    expect(byLine[10]).toMatch(/record\.amount: amount must have at most 14 digits/);
    expect(byLine[12]).toBe('a line must be a JSON object');
  });

  it('wrote the valid enterprises with their records and persons, and nothing of the invalid ones', async () => {
    await imported();
    const profile = await get(`/enterprises/${good}`).expect(200);
    expect(profile.body).toMatchObject({ uscc: good, regionCode: '330106', status: 'ACTIVE' });
    expect(profile.body.inputsChangedAt).toBe(t.clock.now().toISOString());
    const records = await get(`/enterprises/${good}/records`).expect(200);
    expect(records.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'COMPLAINT',
      'HONOR',
      'INSPECTION',
      'PENALTY',
    ]);
    const penalty = records.body.items.find((r: { kind: string }) => r.kind === 'PENALTY');
    expect(penalty).toMatchObject({ amount: '20000.00', reference: 'SRC-1', status: 'ACTIVE' });
    const links = await db.query(
      `SELECT p.id_hash, ep.role FROM enterprise_persons ep JOIN persons p ON p.id = ep.person_id
        JOIN enterprises e ON e.id = ep.enterprise_id WHERE e.uscc = ? ORDER BY p.id_hash`,
      [good],
    );
    expect(links).toEqual([
      { id_hash: hash('a'), role: 'LEGAL_REPRESENTATIVE' },
      { id_hash: hash('b'), role: 'SHAREHOLDER' },
    ]);
    await get(`/enterprises/${also}`).expect(200); // lower-case USCC normalised
    for (const absent of [invalidRecord, unknownField, unknownNested])
      await get(`/enterprises/${absent}`).expect(404);
    const [{ n }] = await db.query(
      'SELECT COUNT(*) AS n FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id WHERE e.uscc = ?',
      [invalidRecord],
    );
    expect(Number(n)).toBe(0);
    expect(readdirSync(IMPORT_DIR)).toEqual([]); // the spooled body is gone once imported
  });

  it('queues one incremental reclassification for what the import changed, and it re-scores them', async () => {
    await imported();
    const runs = await get('/reclassifications?pageSize=100').expect(200);
    const run = runs.body.items.find((r: { requestedBy: string }) =>
      /^import:\d+$/.test(r.requestedBy),
    );
    expect(run).toMatchObject({ mode: 'incremental' });
    await eventually(async () => {
      const res = await get(`/enterprises/${good}/risk`);
      return res.status === 200 ? true : undefined;
    });
  });

  it('is idempotent on re-import: enterprises upserted, referenced records not duplicated', async () => {
    await imported();
    const start = t.clock.now().toISOString();
    t.clock.advance(3_600_000);
    try {
      await reimport();
    } finally {
      t.clock.set(start);
    }
  });
  const reimport = async () => {
    const res = await upload(file).expect(202);
    const report = await finished(res.body.id);
    expect(report).toMatchObject({
      status: 'completed',
      lines: 11,
      accepted: 3,
      rejected: 8,
      enterprises: 2,
      records: 1, // the COMPLAINT has no reference: appended again, as documented
      recordsSkipped: 3,
      persons: 2,
      inputsChanged: 1, // only `good` (its new COMPLAINT); `also` did not change
    });
    const records = await get(`/enterprises/${good}/records`).expect(200);
    expect(records.body.total).toBe(5);
    expect(records.body.items.filter((r: { reference?: string }) => r.reference).length).toBe(3);
    const unchanged = await get(`/enterprises/${also}`).expect(200);
    expect(unchanged.body.inputsChangedAt).toBe(
      new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
    );
    const changed = await get(`/enterprises/${good}`).expect(200);
    expect(changed.body.inputsChangedAt).toBe(t.clock.now().toISOString());
  };

  it('updates an enterprise in place and marks enterprises linked through a person when a listing arrives', async () => {
    const [x, y] = [newUscc(), newUscc()];
    const shared = [{ idHash: hash('d'), name: '赵六', role: 'SHAREHOLDER' }];
    const first = await upload(
      [
        line(enterpriseLine(x, { persons: shared })),
        line(enterpriseLine(y, { persons: shared })),
      ].join('\n'),
    ).expect(202);
    expect((await finished(first.body.id)).status).toBe('completed');
    const before = (await get(`/enterprises/${x}`).expect(200)).body.inputsChangedAt;

    t.clock.advance(60_000);
    const second = await upload(
      [
        line({
          type: 'record',
          uscc: y,
          record: {
            kind: 'ABNORMAL_LISTING',
            occurredOn: '2026-06-01',
            reason: '通过登记的住所无法联系',
          },
        }),
        line({
          ...enterpriseLine(y),
          enterprise: enterpriseBody({ status: 'REVOKED', name: '新名' }),
        }),
      ].join('\n'),
    ).expect(202);
    expect(await finished(second.body.id)).toMatchObject({
      accepted: 2,
      records: 1,
      enterprises: 1,
    });
    const xNow = (await get(`/enterprises/${x}`).expect(200)).body;
    expect(xNow.inputsChangedAt).not.toBe(before); // y's listing counts against x (shared person)
    expect(xNow.inputsChangedAt).toBe(t.clock.now().toISOString());
    expect((await get(`/enterprises/${y}`).expect(200)).body).toMatchObject({
      status: 'REVOKED',
      name: '新名',
    });
  });

  it('resumes after a crash from its checkpoint and applies no line twice', async () => {
    const usccs = Array.from({ length: 10 }, () => newUscc());
    const path = join(IMPORT_DIR, 'resume.ndjson');
    // Records without a reference: applying a line twice would duplicate them.
    writeFileSync(
      path,
      usccs
        .map((u) =>
          line(enterpriseLine(u, { records: [{ kind: 'COMPLAINT', occurredOn: '2026-04-02' }] })),
        )
        .join('\n'),
    );
    const store = worker.get(ImportRepository);
    const runner = worker.get(ImportRunner);
    const id = await store.create({
      source: 'cli',
      filePath: path,
      bytesTotal: statSync(path).size,
      requestedBy: 'test',
    });
    // Dies right after the first batch (4 lines) has been committed.
    await expect(
      runner.run(id, () => {
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect((await get(`/imports/${id}`).expect(200)).body).toMatchObject({
      status: 'running',
      lines: 4,
    });
    const done = await runner.run(id);
    expect(done).toMatchObject({ status: 'completed', lines: 10, accepted: 10, records: 10 });
    const counts: { n: number }[] = await db.query(
      `SELECT COUNT(r.id) AS n FROM enterprises e LEFT JOIN credit_records r ON r.enterprise_id = e.id
        WHERE e.uscc IN (?) GROUP BY e.id`,
      [usccs],
    );
    expect(counts.map((c) => Number(c.n))).toEqual(Array(10).fill(1));
  });

  it('pages the kept rejections', async () => {
    const { id: firstId } = await imported();
    const res = await get(`/imports/${firstId}/rejections?page=2&pageSize=3`).expect(200);
    expect(res.body).toMatchObject({ page: 2, pageSize: 3, total: 8, totalRejected: 8 });
    expect(res.body.items.map((r: { line: number }) => r.line)).toEqual([5, 7, 9]);
  });

  it('is for admins only: 403 for a regulator, 401 without a token', async () => {
    const regulator = await t.token({ role: 'regulator', region: '33' });
    await upload(file, regulator).expect(403);
    await get(`/imports/${(await imported()).id}`, regulator).expect(403);
    await t.http().post('/api/v1/imports').send(file).expect(401);
  });

  it('keeps amounts to the cent, as a single write does (security round 2, item 3)', async () => {
    const [imported, single] = [newUscc(), newUscc()];
    const capital = '9999999999999999.99';
    const amount = '99999999999999.99';
    const penalty = {
      kind: 'PENALTY',
      occurredOn: '2026-03-02',
      severity: 'MINOR',
      amount,
      violationType: '其他',
      documentNo: 'X-9',
    };
    const res = await upload(
      line({
        type: 'enterprise',
        uscc: imported,
        enterprise: enterpriseBody({ registeredCapital: capital }),
        records: [penalty],
      }) + '\n',
    ).expect(202);
    expect(await finished(res.body.id)).toMatchObject({ status: 'completed', accepted: 1 });
    await t
      .http()
      .put(`/api/v1/enterprises/${single}`)
      .set('Authorization', `Bearer ${admin}`)
      .send(enterpriseBody({ registeredCapital: capital }))
      .expect(201);
    await t
      .http()
      .post(`/api/v1/enterprises/${single}/records`)
      .set('Authorization', `Bearer ${admin}`)
      .send(penalty)
      .expect(201);
    for (const uscc of [imported, single]) {
      expect((await get(`/enterprises/${uscc}`).expect(200)).body.registeredCapital).toBe(capital);
      const records = await get(`/enterprises/${uscc}/records`).expect(200);
      expect(records.body.items.map((r: { amount: string }) => r.amount)).toEqual([amount]);
    }
  });

  it('takes a penalty’s field and authority as a single write does, and checks related records (issue 16)', async () => {
    const [uscc, stranger] = [newUscc(), newUscc()];
    const foreign = await t
      .putEnterprise(stranger)
      .then(() =>
        t.addRecord(stranger, { kind: 'INSPECTION', occurredOn: '2026-01-05', result: 'PROBLEM' }),
      );
    const penalty = (over: object) => ({
      kind: 'PENALTY',
      occurredOn: '2026-03-02',
      severity: 'MODERATE',
      amount: '1000.00',
      violationType: '经营过期食品',
      documentNo: 'F-1',
      ...over,
    });
    const res = await upload(
      [
        line({
          type: 'enterprise',
          uscc,
          enterprise: enterpriseBody({ regionCode: '330106' }),
          records: [penalty({ reference: 'F-derived' })],
        }),
        line({
          type: 'record',
          uscc,
          record: penalty({ field: 'DRUG', authorityRegion: '330000', reference: 'F-sent' }),
        }),
        line({ type: 'record', uscc, record: penalty({ field: 'TOBACCO' }) }),
        line({ type: 'record', uscc, record: penalty({ relatedRecordId: foreign.id }) }),
      ].join('\n') + '\n',
    ).expect(202);
    const report = await finished(res.body.id);
    expect(report).toMatchObject({ status: 'completed', accepted: 2, rejected: 2 });
    const byLine = Object.fromEntries(
      report.rejections.map((r: { line: number; reason: string }) => [r.line, r.reason]),
    );
    expect(byLine[3]).toMatch(/record\.field: field must be one of/);
    expect(byLine[4]).toBe(`relatedRecordId ${foreign.id}: a record of another enterprise`);
    const records = (await get(`/enterprises/${uscc}/records`).expect(200)).body.items;
    const byRef = Object.fromEntries(records.map((r: { reference: string }) => [r.reference, r]));
    expect(byRef['F-derived']).toMatchObject({ field: 'FOOD', authorityRegion: '330106' });
    expect(byRef['F-sent']).toMatchObject({ field: 'DRUG', authorityRegion: '330000' });
  });

  it('npm run import: the CLI command imports a file through the same module and reports its counts', async () => {
    const uscc = newUscc();
    const path = join(IMPORT_DIR, 'cli.ndjson');
    writeFileSync(
      path,
      [
        line(
          enterpriseLine(uscc, {
            records: [{ kind: 'HONOR', occurredOn: '2024-05-01', title: '守合同重信用' }],
          }),
        ),
        '{"type":',
      ].join('\n') + '\n',
    );
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => {
      printed.push(String(m));
    });
    try {
      await importCommand([path]);
    } finally {
      log.mockRestore();
    }
    expect(printed[0]).toMatch(/^import \d+ completed in .* 2 lines .* 1 accepted, 1 rejected$/);
    expect(printed.join('\n')).toMatch(/line 2: /);
    expect(process.exitCode).toBe(1); // a rejected line
    process.exitCode = 0;
    const [row] = await db.query(
      'SELECT COUNT(*) AS n FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id WHERE e.uscc = ?',
      [uscc],
    );
    expect(Number(row.n)).toBe(1);
  });

  it('refuses other content types with 415, an empty body with 400, an unknown id with 404', async () => {
    await upload(file, admin, 'application/json').expect((r) =>
      expect([400, 415]).toContain(r.status),
    );
    await upload(file, admin, 'text/csv').expect(415);
    await upload('', admin).expect(400);
    await get('/imports/99999999').expect(404);
  });
});
