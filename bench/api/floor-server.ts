/**
 * The floor of GET /api/v1/enterprises/:uscc/risk: plain node:http, the same
 * JWT check (HS256 pinned, iss, aud, expiry with skew, regulator region) and
 * one indexed query on a mysql2 pool of the API's size (floor-query.ts).
 * Nothing else: no framework, no logging, no audit, no rate limit. Started by run.ts.
 */
import { createServer, ServerResponse } from 'node:http';
import { currentRisk, regulatorRegion } from './floor-query';

const ROUTE = /^\/api\/v1\/enterprises\/([0-9A-Z]{18})\/risk$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}

createServer(async (req, res) => {
  const m = ROUTE.exec(req.url ?? '');
  if (!m) return send(res, 404, { statusCode: 404 });
  const region = regulatorRegion(req.headers.authorization);
  if (typeof region === 'number') return send(res, region, { statusCode: region });
  try {
    const risk = await currentRisk(m[1], region);
    send(res, risk ? 200 : 404, risk ?? { statusCode: 404 });
  } catch {
    send(res, 500, { statusCode: 500 });
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
