import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { applyTestEnvironment } from './setup/test-environment';
import { newUscc } from './support/fixtures';
import { TcpProxy } from './support/tcp-proxy';
import { createTestApp } from './support/test-app';
import { createTestWorker, eventually } from './support/test-worker';

/** An app whose MySQL or Redis goes through `proxy`, everything else as configured. */
async function appThrough(setting: 'DATABASE_URL' | 'REDIS_URL', proxy: TcpProxy) {
  applyTestEnvironment();
  const url = new URL(process.env[setting]!);
  url.host = `127.0.0.1:${proxy.port}`;
  const config = AppConfig.fromEnvironment({ ...process.env, [setting]: url.toString() });
  return createTestApp((b) => b.overrideProvider(AppConfig).useValue(config));
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('faults: MySQL or Redis unreachable (real servers behind a local TCP proxy)', () => {
  it('MySQL down: 503 with a clear message and Retry-After; recovers by itself when it returns', async () => {
    const proxy = await TcpProxy.start(3306);
    const t = await appThrough('DATABASE_URL', proxy);
    try {
      const admin = await t.token({ role: 'admin' });
      const uscc = newUscc('330106');
      await t.putEnterprise(uscc);

      await proxy.cut();
      const started = Date.now();
      const down = await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(admin));
      expect(down.status).toBe(503);
      expect(down.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the database is unreachable: try again shortly',
      });
      expect(down.headers['retry-after']).toBe('5');
      // The risk read runs on the pool itself (poolQuery), not through TypeORM: same answer.
      const risk = await t
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk`)
        .set(auth(await t.token({ role: 'regulator', region: '33' })));
      expect([risk.status, risk.body.message]).toEqual([
        503,
        'the database is unreachable: try again shortly',
      ]);
      const write = await t
        .http()
        .post(`/api/v1/enterprises/${uscc}/records`)
        .set(auth(admin))
        .send({ kind: 'COMPLAINT', occurredOn: '2026-06-01' });
      expect(write.status).toBe(503);
      const health = await t.http().get('/api/v1/health');
      expect(health.status).toBe(503);
      expect(health.body.error?.mysql?.status ?? health.body.details?.mysql?.status).toBe('down');
      // A deadline against hanging until MySQL returns (10 s on a loaded 2-core machine),
      // not a speed claim.
      expect(Date.now() - started).toBeLessThan(10_000);

      await proxy.restore();
      const back = await eventually(async () => {
        const r = await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(admin));
        return r.status === 200 ? r : undefined;
      });
      expect(back.body.uscc).toBe(uscc);
      // Never assessed (no worker here): the pool answers again, with a 404, not a 503.
      const riskBack = await t
        .http()
        .get(`/api/v1/enterprises/${uscc}/risk`)
        .set(auth(await t.token({ role: 'regulator', region: '33' })));
      expect(riskBack.status).toBe(404);
      await t.http().get('/api/v1/health').expect(200);
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  it('Redis down: reads served from MySQL, health 503, a write fails fast into the outbox and is re-scored once Redis is back', async () => {
    const proxy = await TcpProxy.start(6379);
    const t = await appThrough('REDIS_URL', proxy);
    let worker: INestApplicationContext | undefined;
    try {
      const admin = await t.token({ role: 'admin' });
      const regulator = await t.token({ role: 'regulator', region: '3301' });
      const uscc = newUscc('330106');
      await t.putEnterprise(uscc);
      // Assessed once, then no worker: only the API's own relay can move the outbox.
      worker = await createTestWorker(t.clock);
      const before = await eventually(async () => {
        const r = await t.http().get(`/api/v1/enterprises/${uscc}/risk`).set(auth(regulator));
        return r.status === 200 ? r.body.tier : undefined;
      });
      expect(before).not.toBe('D');
      await worker.close();
      worker = undefined;

      await proxy.cut();
      await t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(regulator)).expect(200);
      await t.http().get(`/api/v1/enterprises/${uscc}/risk`).set(auth(regulator)).expect(200);
      await t.http().get(`/api/v1/enterprises/${uscc}/records`).set(auth(regulator)).expect(200);
      const health = await t.http().get('/api/v1/health');
      expect(health.status).toBe(503);
      expect(health.body.details.redis.status).toBe('down');
      expect(health.body.details.mysql.status).toBe('up');

      // Redis is still away when this answers: the write did not wait for it.
      await t
        .http()
        .post(`/api/v1/enterprises/${uscc}/records`)
        .set(auth(admin))
        .send({
          kind: 'SERIOUS_DISHONESTY_LISTING',
          occurredOn: '2026-06-01',
          reason: '提交虚假材料',
        })
        .expect(201);
      const db = t.app.get(DataSource);
      const outboxed = await db.query('SELECT uscc FROM rescore_outbox WHERE uscc = ?', [uscc]);
      expect(outboxed).toHaveLength(1);
      // The relay keeps trying and failing (fast) while Redis is away: an observation
      // window of several relay periods (200 ms here) in which the row must stay.
      await new Promise((r) => setTimeout(r, 1000));
      expect(await db.query('SELECT uscc FROM rescore_outbox WHERE uscc = ?', [uscc])).toHaveLength(
        1,
      );

      await proxy.restore();
      await eventually(async () => {
        const rows = await db.query('SELECT uscc FROM rescore_outbox WHERE uscc = ?', [uscc]);
        return rows.length === 0 ? true : undefined;
      }, 20_000);
      worker = await createTestWorker(t.clock);
      const tier = await eventually(async () => {
        const r = await t.http().get(`/api/v1/enterprises/${uscc}/risk`).set(auth(regulator));
        return r.status === 200 && r.body.tier === 'D' ? r.body.tier : undefined;
      }, 20_000);
      expect(tier).toBe('D');
      await eventually(async () =>
        (await t.http().get('/api/v1/health')).status === 200 ? true : undefined,
      );
    } finally {
      await worker?.close();
      await t.close();
      await proxy.close();
    }
  });
});
