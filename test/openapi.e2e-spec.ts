import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type Doc = {
  servers?: { url: string }[];
  security?: unknown;
  paths: Record<string, Record<string, Operation>>;
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
/** Operations anyone may call: the health check, the metrics scrape (its own static token), the public register. */
const PUBLIC = /^(\/api\/v1\/health|\/metrics|\/api\/v1\/public\/.*)$/;

/**
 * The served OpenAPI document (`/docs-json`) as a client generator and a
 * standard linter read it: every response described, errors in the one shape,
 * security declared where a token is needed.
 */
describe('OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let doc: Doc;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body as Doc;
    dir = mkdtempSync(join(tmpdir(), 'crs-openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, op]) => ({ path, method, op })),
    );

  it('passes `redocly lint` with the recommended rules (redocly.yaml), warnings included', () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync(
      REDOCLY,
      // redocly.yaml: the recommended rules, with the one exception it explains.
      [
        'lint',
        '--config',
        join(ROOT, 'redocly.yaml'),
        '--max-problems=200',
        '--format=stylish',
        file,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const report = `${r.stdout}\n${r.stderr}`;
    // Exit 0 alone would let warnings through; the summary line names both counts.
    expect(r.status, report).toBe(0);
    expect(report, report).not.toMatch(/\d+ warnings?/);
  });

  it('names the servers it is served from', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('asks for a bearer token on every operation but the public ones', () => {
    const wrong = operations()
      .filter(({ path, op }) => {
        const bearer = (op.security ?? []).some((s) => 'bearer' in s);
        return PUBLIC.test(path) ? bearer || op.security === undefined : !bearer;
      })
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(wrong).toEqual([]);
  });

  it('describes every success response with a schema and every operation with its 4xx in the error shape', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      const codes = Object.keys(op.responses);
      for (const code of codes.filter((c) => /^2\d\d$/.test(c) && c !== '204')) {
        const content = op.responses[code].content ?? {};
        if (!Object.values(content).some((c) => c.schema))
          missing.push(`${name} ${code}: no schema`);
      }
      const errors = codes.filter((c) => /^4\d\d$/.test(c));
      if (errors.length === 0) missing.push(`${name}: no 4xx`);
      for (const code of errors) {
        const schema = op.responses[code].content?.['application/json']?.schema;
        if (JSON.stringify(schema) !== JSON.stringify({ $ref: '#/components/schemas/ApiErrorDto' }))
          missing.push(`${name} ${code}: not ApiErrorDto`);
      }
    }
    expect(missing).toEqual([]);
  });
});
