/**
 * The floor of GET /api/v1/enterprises/:uscc/risk: plain node:http, the same
 * JWT check (HS256 pinned, iss, aud, expiry with skew, regulator region) and
 * one indexed query on a mysql2 pool of the API's size. Nothing else: no
 * framework, no logging, no audit, no rate limit. Started by run.ts.
 */
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import { createPool } from 'mysql2/promise';

const env = process.env;
// A KeyObject once, as TokenService does: jsonwebtoken would otherwise rebuild it per request.
const key = createSecretKey(Buffer.from(env.JWT_SECRET!));
const pool = createPool({
  uri: env.DATABASE_URL,
  connectionLimit: 20,
  dateStrings: ['DATE'],
  timezone: 'Z',
  // As the API's pool: no stack trace captured per query.
  trace: false,
});
const SQL = `SELECT e.region_code, c.tier, c.score, c.model_version, c.model_hash, c.as_of,
                    c.next_review_on, c.factors, c.vetoes, c.assessed_at
               FROM enterprises e JOIN current_assessments c ON c.enterprise_id = e.id
              WHERE e.uscc = ?`;
const ROUTE = /^\/api\/v1\/enterprises\/([0-9A-Z]{18})\/risk$/;

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}

/** MariaDB's JSON is LONGTEXT: parse it, as the API does. */
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

createServer(async (req, res) => {
  const m = ROUTE.exec(req.url ?? '');
  if (!m) return send(res, 404, { statusCode: 404 });
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  let claims: { role?: string; region?: string };
  try {
    claims = jwt.verify(bearer ?? '', key, {
      algorithms: ['HS256'],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      clockTolerance: 30,
    }) as typeof claims;
  } catch {
    return send(res, 401, { statusCode: 401 });
  }
  if (claims.role !== 'regulator' || !claims.region) return send(res, 403, { statusCode: 403 });
  try {
    const [rows] = (await pool.query(SQL, [m[1]])) as unknown as [Record<string, unknown>[]];
    const r = rows[0];
    if (!r || !String(r.region_code).startsWith(claims.region))
      return send(res, 404, { statusCode: 404 });
    send(res, 200, {
      uscc: m[1],
      tier: r.tier,
      score: r.score,
      modelVersion: r.model_version,
      modelHash: r.model_hash,
      asOf: r.as_of,
      assessedAt: new Date(r.assessed_at as Date).toISOString(),
      nextReviewOn: r.next_review_on,
      factors: json(r.factors),
      vetoes: json(r.vetoes),
    });
  } catch {
    send(res, 500, { statusCode: 500 });
  }
}).listen(Number(env.PORT), '127.0.0.1', () => process.send?.('ready'));
