import { createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { httpLogOptions, redactUrl } from './logging.module';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const ID_HASH = 'a'.repeat(64);

/** Serves one request through the API's pino-http options and returns what was logged. */
async function logOf(path: string, headers: Record<string, string>, body?: string) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = pinoHttp({ ...httpLogOptions(), level: 'info' }, sink);
  const server = createServer((req, res) => {
    log(req, res);
    req.resume();
    req.on('end', () => {
      res.setHeader('Set-Cookie', `crs_board=${JWT}; HttpOnly`);
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    const req = request({ port, path, method: body ? 'PUT' : 'GET', headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
  await new Promise((r) => server.close(r));
  return lines.join('');
}

describe('request logs', () => {
  it('never contain a token, a cookie or a request body', async () => {
    const out = await logOf(
      `/admin/queues?token=${JWT}&%74oken=${JWT}&x=1`,
      {
        Authorization: `Bearer ${JWT}`,
        'Proxy-Authorization': `Basic ${JWT}`,
        Cookie: `crs_board=${JWT}`,
        'Content-Type': 'application/json',
      },
      JSON.stringify({ persons: [{ idHash: ID_HASH, name: '张三', role: 'LEGAL_REP' }] }),
    );
    expect(out).toContain('/admin/queues');
    expect(out).not.toContain(JWT);
    expect(out).not.toContain('c2lnbmF0dXJl');
    expect(out).not.toContain(ID_HASH);
    expect(out).not.toContain('张三');
    expect(out).toMatch(/"id":"[0-9a-f-]{36}"/);
  });

  it('redacts ?token= however it is encoded, and any JWT in the URL', () => {
    expect(redactUrl(`/a?token=${JWT}`)).toBe('/a?token=[redacted]');
    expect(redactUrl(`/a?x=1&TOKEN=abc&%74oken=def`)).toBe(
      '/a?x=1&TOKEN=[redacted]&%74oken=[redacted]',
    );
    expect(redactUrl(`/a/${JWT}/b?q=${JWT}`)).toBe('/a/[redacted-jwt]/b?q=[redacted-jwt]');
    expect(redactUrl('/a?%E0%A4%A=1')).toBe('/a?%E0%A4%A=1');
  });
});
