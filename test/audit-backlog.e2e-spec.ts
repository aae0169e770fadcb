import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/core';
import { createTestApp, TestApp } from './support/test-app';
import { newUscc } from './support/fixtures';

/**
 * Issue 24: audit entries are never dropped. When the trail cannot be written
 * and AUDIT_MAX_BUFFERED entries wait (MySQL down, or, as here, writes held
 * back by a long flush interval and a batch larger than the cap), audited
 * requests are refused with 503 + Retry-After until the backlog is written.
 */
describe('audit backlog: refuse, never drop', () => {
  const CAP = 100;
  let t: TestApp;

  beforeAll(async () => {
    process.env.AUDIT_MAX_BUFFERED = String(CAP);
    process.env.AUDIT_BATCH_SIZE = '5000';
    process.env.AUDIT_FLUSH_MS = '60000';
    t = await createTestApp();
  });
  afterAll(async () => {
    delete process.env.AUDIT_MAX_BUFFERED;
    delete process.env.AUDIT_BATCH_SIZE;
    delete process.env.AUDIT_FLUSH_MS;
    await t.close();
  });

  it('refuses audited reads with 503 once the buffer is full, and writes every entry after', async () => {
    const uscc = newUscc('330106');
    await t.putEnterprise(uscc);
    const writer = t.app.get(AuditWriter);
    await writer.flush();
    const sub = `audit-backlog-${uscc}`;
    const regulator = await t.token({ role: 'regulator', region: '3301', sub });
    const read = () =>
      t.http().get(`/api/v1/enterprises/${uscc}/risk`).set('Authorization', `Bearer ${regulator}`);

    for (let i = 0; i < CAP; i++) expect([200, 404]).toContain((await read()).status);
    expect(writer.full).toBe(true);
    const refused = await read();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.message).toMatch(/audit trail/);
    // Unaudited routes are unaffected.
    await t.http().get('/api/v1/health').expect(200);

    await writer.flush();
    expect(writer.full).toBe(false);
    expect([200, 404]).toContain((await read()).status);
    await writer.flush();
    const [{ n }] = await t.app
      .get(DataSource)
      .query('SELECT COUNT(*) AS n FROM audit_log WHERE actor_sub = ?', [sub]);
    expect(Number(n)).toBe(CAP + 1); // every admitted read, none of the refused one
  });
});
