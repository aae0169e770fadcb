/**
 * What the floor does for GET /api/v1/enterprises/:uscc/risk, shared by the
 * floor (node:http) and the bare NestJS server so both do exactly the same
 * work: the JWT check (HS256 pinned, iss, aud, expiry with skew, a regulator
 * with a region) and one indexed query on a mysql2 pool of the API's size.
 */
import { createSecretKey } from 'node:crypto';
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

/** The regulator's region; 401 for a bad token, 403 for anyone but a regulator with a region. */
export function regulatorRegion(authorization: string | undefined): string | 401 | 403 {
  const bearer = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  let claims: { role?: string; region?: string };
  try {
    claims = jwt.verify(bearer ?? '', key, {
      algorithms: ['HS256'],
      issuer: env.JWT_ISSUER,
      audience: env.OIDC_AUDIENCE,
      clockTolerance: 30,
    }) as typeof claims;
  } catch {
    return 401;
  }
  return claims.role === 'regulator' && claims.region ? claims.region : 403;
}

/** MariaDB's JSON is LONGTEXT: parse it, as the API does. */
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/** The enterprise's current assessment; undefined if none, or outside the caller's region. */
export async function currentRisk(
  uscc: string,
  region: string,
): Promise<Record<string, unknown> | undefined> {
  const [rows] = (await pool.query(SQL, [uscc])) as unknown as [Record<string, unknown>[]];
  const r = rows[0];
  if (!r || !String(r.region_code).startsWith(region)) return undefined;
  return {
    uscc,
    tier: r.tier,
    score: r.score,
    modelVersion: r.model_version,
    modelHash: r.model_hash,
    asOf: r.as_of,
    assessedAt: new Date(r.assessed_at as Date).toISOString(),
    nextReviewOn: r.next_review_on,
    factors: json(r.factors),
    vetoes: json(r.vetoes),
  };
}
