import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { enterpriseBody, newUscc } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Sends generated malformed requests to every endpoint of the OpenAPI document
 * (so a new endpoint is fuzzed without touching this file) and asserts: never
 * a 5xx, every error in the documented shape, and no row written by a refused
 * request. FUZZ_RUNS cases per endpoint (default 100: about 4,000 requests, 20–30 s);
 * `FUZZ_RUNS=500 npx vitest run test/fuzz.e2e-spec.ts` for a longer search,
 * FUZZ_SEED to replay a failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const IMPORT_DIR = mkdtempSync(join(tmpdir(), 'crs-fuzz-imports-'));

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
interface Operation {
  method: Method;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
}

/** Strings that have broken services before. */
const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  '9'.repeat(40),
  "' OR '1'='1",
  "'; DROP TABLE enterprises; --",
  '" OR ""="',
  '1; SELECT SLEEP(5)',
  '%',
  '_',
  '\\',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '𝕏🙂中文',
  'ＡＢＣ',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%2e%2e%2f',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  '2026-02-30',
  '2026-13-01',
  '99999-01-01',
  'x'.repeat(5000),
];
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
/** Lone surrogates as U+FFFD, as a URL carries them (String#toWellFormed is ES2024). */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const encode = (s: string) => encodeURIComponent(wellFormed(s));
const deep = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    -1,
    0,
    1e21,
    1234567890123456,
    '123456789012345.99',
    true,
    false,
    null,
    [],
    {},
  ),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.integer({ min: 10, max: 3000 }).map((d) => deep(d)),
  fc.constant({ __proto__: { admin: true } }),
  fc.anything({ maxDepth: 3 }),
);

describe('fuzz: malformed requests to every endpoint (real MySQL + Redis)', () => {
  let t: TestApp;
  let db: DataSource;
  let operations: Operation[];
  let tables: string[];
  let seeded: string;
  const tokens: Record<string, string> = {};
  let cases = 0;

  beforeAll(async () => {
    process.env.IMPORT_DIR = IMPORT_DIR;
    t = await createTestApp();
    db = t.app.get(DataSource);
    tokens.admin = await t.token({ role: 'admin', sub: 'fuzz-admin' });
    tokens.regulator = await t.token({ role: 'regulator', region: '3301', sub: 'fuzz-regulator' });
    seeded = newUscc('330106');
    tokens.enterprise = await t.token({ role: 'enterprise', uscc: seeded, sub: 'fuzz-enterprise' });
    await t
      .http()
      .put(`/api/v1/enterprises/${seeded}`)
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send(enterpriseBody())
      .expect(201);

    const doc = (await t.http().get('/docs-json').expect(200)).body;
    operations = [];
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of ['get', 'put', 'post', 'delete', 'patch'] as Method[]) {
        const op = item[method] as
          | {
              parameters?: { in: string; name: string }[];
              requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
            }
          | undefined;
        if (!op) continue;
        const ref = Object.values(op.requestBody?.content ?? {})[0]?.schema?.$ref;
        const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
        operations.push({
          method,
          path,
          pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          bodyFields: Object.keys(schema?.properties ?? {}),
        });
      }
    }
    // Every table but the audit trail (refusals are audited on purpose) and the migrations log.
    tables = (
      await db.query(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = DATABASE() AND table_name NOT IN ('audit_log', 'migrations')`,
      )
    ).map((r: { name: string }) => r.name);
  });
  afterAll(async () => {
    await t.close();
    rmSync(IMPORT_DIR, { recursive: true, force: true });
    console.log(`fuzz: ${cases} requests over ${operations.length} operations`);
  });

  const rowCounts = async () =>
    (
      await db.query(
        tables.map((n) => `SELECT '${n}' AS t, COUNT(*) AS n FROM \`${n}\``).join(' UNION ALL '),
      )
    )
      .map((r: { t: string; n: number }) => `${r.t}=${r.n}`)
      .join(' ');

  it('covers the whole API', () => {
    expect(operations.length).toBeGreaterThan(25);
    for (const p of ['/api/v1/enterprises/{uscc}/risk', '/api/v1/audit', '/api/v1/risk/simulate']) {
      expect(operations.some((o) => o.path === p)).toBe(true);
    }
  });

  it('never answers 5xx, always the error shape, and writes nothing when it refuses', async () => {
    for (const op of operations) {
      const pathValue = fc.oneof(
        { weight: 2, arbitrary: fc.constant(seeded) },
        { weight: 1, arbitrary: fc.constantFrom('1', '0', '2147483648', '18446744073709551616') },
        { weight: 4, arbitrary: nastyString.filter((s) => s.length > 0).map(encode) },
        // Sent as they are: malformed percent-encodings and traversal.
        { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%E0%A4%A', '%00', '%C0%AF', '..', '.%2e') },
      );
      const body = fc.oneof(
        // A JSON object with the schema's fields, wrongly typed, plus strangers.
        fc
          .tuple(
            fc.dictionary(fc.constantFrom(...op.bodyFields, 'zzz'), nastyValue, { maxKeys: 6 }),
            fc.dictionary(fc.constantFrom(...op.bodyFields, 'uscc'), nastyString, { maxKeys: 2 }),
          )
          .map(([a, b]) => ({ type: 'application/json', raw: JSON.stringify({ ...b, ...a }) })),
        fc.constantFrom(
          { type: 'application/json', raw: '{"kind":"PENALTY","kind":"HONOR","title":"x"}' },
          { type: 'application/json', raw: '{"version":1,"version":"1"}' },
          { type: 'application/json', raw: '{"a":' },
          { type: 'application/json', raw: '[]' },
          { type: 'application/json', raw: 'null' },
          { type: 'application/json', raw: '"string"' },
          { type: 'application/json', raw: '{"__proto__":{"isAdmin":true}}' },
          { type: 'application/json', raw: '{"constructor":{"prototype":{"x":1}}}' },
          { type: 'application/json', raw: '['.repeat(50_000) + ']'.repeat(50_000) },
          { type: 'application/json', raw: `{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_001)}` },
          { type: 'application/json; charset=latin1', raw: '{}' },
          { type: 'text/plain', raw: 'hello' },
          { type: 'application/xml', raw: '<?xml version="1.0"?><a>&xxe;</a>' },
          {
            type: 'application/x-www-form-urlencoded',
            raw: 'a[b][c][d][e][f][g]=1&a=2&__proto__[x]=1',
          },
          {
            type: 'multipart/form-data; boundary=xyz',
            raw: '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--xyz--',
          },
          { type: 'multipart/form-data', raw: 'garbage' },
          { type: 'application/x-ndjson', raw: '' },
          { type: '', raw: '' },
        ),
      );
      const query = fc.dictionary(
        fc.constantFrom(...op.queryParams, 'page', 'pageSize', 'zzz'),
        fc.oneof(nastyString, fc.array(nastyString, { minLength: 2, maxLength: 3 })),
        { maxKeys: 4 },
      );
      const request = fc.record({
        role: fc.constantFrom('admin', 'regulator', 'enterprise'),
        params: fc.tuple(...op.pathParams.map(() => pathValue)),
        query,
        body,
      });

      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          cases++;
          let url = op.path;
          op.pathParams.forEach((name, i) => {
            url = url.replace(`{${name}}`, r.params[i] as string);
          });
          const qs = new URLSearchParams();
          for (const [k, v] of Object.entries(r.query)) {
            for (const x of Array.isArray(v) ? v : [v]) qs.append(k, wellFormed(x));
          }
          if (qs.size) url += `?${qs}`;
          const writes = op.method !== 'get';
          const before = writes ? await rowCounts() : '';
          let req = t.http()[op.method](url).set('Authorization', `Bearer ${tokens[r.role]}`);
          if (writes && r.body.type) req = req.set('Content-Type', r.body.type);
          const res = await (writes ? req.send(r.body.raw) : req);
          const what = `${op.method.toUpperCase()} ${url.slice(0, 200)} as ${r.role} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body, what).toMatchObject({
              statusCode: res.status,
              error: expect.any(String),
              message: expect.any(String),
            });
            if (res.body.details !== undefined)
              expect(Array.isArray(res.body.details), what).toBe(true);
            if (writes) expect(await rowCounts(), what).toBe(before);
          }
        }),
        {
          numRuns: RUNS,
          seed: SEED,
          endOnFailure: true,
          // fast-check's own report prints the whole counterexample (up to a 1 MB body).
          reporter: (out) => {
            if (!out.failed) return;
            const error = String(out.errorInstance).slice(0, 2000);
            throw new Error(
              `fuzz failed (FUZZ_SEED=${out.seed}, path ${out.counterexamplePath}): ${error}`,
            );
          },
        },
      );
    }
  }, 300_000);
});
