import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { redactUrl, registerRequestLog } from './request-log';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const ID_HASH = 'a'.repeat(64);

/** Serves requests through the request log hooks and returns the lines written. */
async function linesOf(
  requests: {
    url: string;
    method?: 'GET' | 'PUT';
    headers?: Record<string, string>;
    body?: string;
  }[],
) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const fastify = Fastify();
  registerRequestLog(fastify, pino({ level: 'info' }, sink));
  fastify.all('/*', async (req, reply) => {
    void reply.header('Set-Cookie', `crs_board=${JWT}; HttpOnly`);
    if (req.url.startsWith('/missing')) return reply.code(404).send({});
    if (req.url.startsWith('/broken')) return reply.code(500).send({});
    return {};
  });
  for (const r of requests) {
    await fastify.inject({
      method: r.method ?? 'GET',
      url: r.url,
      headers: r.headers,
      payload: r.body,
    });
  }
  await fastify.close();
  return lines;
}

describe('request log', () => {
  it('writes one line per request with its id, method, URL, address, status and time', async () => {
    const [line] = await linesOf([{ url: '/api/v1/enterprises/x/risk' }]);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/api/v1/enterprises/x/risk', remoteAddress: '127.0.0.1' },
      res: { statusCode: 200 },
    });
    expect((line.req as { id: unknown }).id).toEqual(expect.any(String));
    expect(line.responseTime).toEqual(expect.any(Number));
  });

  it('never contains a token, a cookie or a request body', async () => {
    const out = JSON.stringify(
      await linesOf([
        {
          url: `/admin/queues?token=${JWT}&%74oken=${JWT}&x=1`,
          method: 'PUT',
          headers: {
            Authorization: `Bearer ${JWT}`,
            'Proxy-Authorization': `Basic ${JWT}`,
            Cookie: `crs_board=${JWT}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ persons: [{ idHash: ID_HASH, name: '张三', role: 'LEGAL_REP' }] }),
        },
      ]),
    );
    expect(out).toContain('/admin/queues');
    expect(out).not.toContain(JWT);
    expect(out).not.toContain('c2lnbmF0dXJl');
    expect(out).not.toContain(ID_HASH);
    expect(out).not.toContain('张三');
  });

  it('logs refusals as warnings and failures as errors, and leaves out probes', async () => {
    const lines = await linesOf([
      { url: '/api/v1/health' },
      { url: '/metrics' },
      { url: '/missing' },
      { url: '/broken' },
    ]);
    expect(
      lines.map((l) => [l.level, l.msg, (l.res as { statusCode: number }).statusCode]),
    ).toEqual([
      [40, 'request completed', 404],
      [50, 'request errored', 500],
    ]);
  });

  it('redacts ?token= however it is encoded, and any JWT in the URL', () => {
    expect(redactUrl(`/a?token=${JWT}`)).toBe('/a?token=[redacted]');
    expect(redactUrl(`/a?x=1&TOKEN=abc&%74oken=def`)).toBe(
      '/a?x=1&TOKEN=[redacted]&%74oken=[redacted]',
    );
    expect(redactUrl(`/a/${JWT}/b?q=${JWT}`)).toBe('/a/[redacted-jwt]/b?q=[redacted-jwt]');
    expect(redactUrl(`/a/${JWT}`)).toBe('/a/[redacted-jwt]');
    expect(redactUrl('/a?%E0%A4%A=1')).toBe('/a?%E0%A4%A=1');
  });
});
