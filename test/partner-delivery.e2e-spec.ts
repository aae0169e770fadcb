import { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { enterpriseBody, newUscc } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually } from './support/test-worker';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Issue 20 items 2 and 3: partner departments subscribe, and every event of
 * the outbox reaches them signed (Standard Webhooks), at least once, in order
 * per enterprise, through real loopback HTTP receivers, BullMQ and MySQL.
 */
const REGION = '320102';
/** Events of the smaller tests, apart from the burst's (replay reads by region and time). */
const SMALL = '320104';
const SERIOUS = {
  kind: 'SERIOUS_DISHONESTY_LISTING',
  occurredOn: '2026-05-01',
  reason: '提交虚假材料',
  documentNo: '严〔2026〕9号',
};
const ABNORMAL = {
  kind: 'ABNORMAL_LISTING',
  occurredOn: '2026-04-01',
  reason: '通过登记的住所无法联系',
};
const IMPORT_DIR = mkdtempSync(join(tmpdir(), 'crs-delivery-imports-'));
const LISTINGS_PER_ENTERPRISE = 5;

describe('partner delivery: subscriptions, signed deliveries, retries, order (real MySQL + Redis + worker + HTTP receivers)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let db: DataSource;
  let admin: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  /** A new enterprise of the small tests' region with these listings; their event ids in order. */
  const listed = async (records: object[]) => {
    const uscc = newUscc(SMALL);
    await t.putEnterprise(uscc, { regionCode: SMALL });
    for (const r of records) await t.addRecord(uscc, r);
    const rows: { event_id: string }[] = await db.query(
      `SELECT p.event_id FROM partner_events p JOIN enterprises e ON e.id = p.enterprise_id
        WHERE e.uscc = ? ORDER BY p.id`,
      [uscc],
    );
    expect(rows).toHaveLength(records.length);
    return { uscc, ids: rows.map((r) => r.event_id) };
  };
  const sub = async (id: number) =>
    (await t.http().get(`/api/v1/subscriptions/${id}`).set(auth()).expect(200)).body;

  const subscribe = async (url: string, body: object = {}) =>
    (
      await t
        .http()
        .post('/api/v1/subscriptions')
        .set(auth())
        .send({ url, regions: [REGION], ...body })
        .expect(201)
    ).body as { id: number; secret: string };

  /** The events of the region in outbox order, per enterprise. */
  const outbox = async (since = 0) => {
    const rows: { id: number; event_id: string; uscc: string }[] = await db.query(
      `SELECT p.id, p.event_id, e.uscc FROM partner_events p JOIN enterprises e ON e.id = p.enterprise_id
        WHERE p.region_code = ? AND p.id > ? ORDER BY p.id`,
      [REGION, since],
    );
    const perEnterprise = new Map<string, string[]>();
    for (const r of rows)
      perEnterprise.set(r.uscc, [...(perEnterprise.get(r.uscc) ?? []), r.event_id]);
    return {
      ids: rows.map((r) => r.event_id),
      perEnterprise,
      last: rows.length ? Number(rows[rows.length - 1].id) : since,
    };
  };

  /** A bulk import of `enterprises` new enterprises, each with LISTINGS_PER_ENTERPRISE listings. */
  const importListings = async (enterprises: number) => {
    const lines = Array.from({ length: enterprises }, () =>
      JSON.stringify({
        type: 'enterprise',
        uscc: newUscc(REGION),
        enterprise: enterpriseBody({ regionCode: REGION }),
        records: Array.from({ length: LISTINGS_PER_ENTERPRISE }, (_, i) =>
          i % 2 === 0
            ? {
                kind: 'ABNORMAL_LISTING',
                occurredOn: `2026-0${i + 1}-02`,
                reason: '通过登记的住所无法联系',
              }
            : {
                kind: 'SERIOUS_DISHONESTY_LISTING',
                occurredOn: `2026-0${i + 1}-03`,
                reason: '提交虚假材料',
                documentNo: `严〔2026〕${i}号`,
              },
        ),
      }),
    );
    const { id } = (
      await t
        .http()
        .post('/api/v1/imports')
        .set(auth())
        .set('Content-Type', 'application/x-ndjson')
        .send(lines.join('\n'))
        .expect(202)
    ).body;
    const done = await eventually(
      async () => {
        const r = await t.http().get(`/api/v1/imports/${id}`).set(auth());
        return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
      },
      120_000,
      200,
    );
    expect(done).toMatchObject({ status: 'completed', rejected: 0, enterprises });
  };

  beforeAll(async () => {
    process.env.IMPORT_DIR = IMPORT_DIR;
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    db = t.app.get(DataSource);
    admin = await t.token({ role: 'admin', sub: 'admin-delivery' });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    rmSync(IMPORT_DIR, { recursive: true, force: true });
    delete process.env.IMPORT_DIR;
  });

  it('subscribes admins only, HTTPS or loopback only, known events and regions; the secret is shown once', async () => {
    const post = (body: object, token = admin) =>
      t.http().post('/api/v1/subscriptions').set('Authorization', `Bearer ${token}`).send(body);
    const regulator = await t.token({ role: 'regulator', region: '33' });
    await post({ url: 'https://tax.example.gov.cn/hooks' }, regulator).expect(403);
    const plain = await post({ url: 'http://tax.example.gov.cn/hooks' }).expect(400);
    expect(plain.body.details).toEqual([expect.objectContaining({ field: 'url' })]);
    expect(
      (await post({ url: 'https://tax.example.gov.cn/h', events: ['tier.changed'] }).expect(400))
        .body.message,
    ).toMatch(/events/);
    expect(
      (await post({ url: 'https://tax.example.gov.cn/h', regions: ['3301x'] }).expect(400)).body
        .message,
    ).toMatch(/regions/);
    const created = (
      await post({
        url: 'https://tax.example.gov.cn/h',
        events: ['serious-list.added'],
        regions: ['3301'],
      }).expect(201)
    ).body;
    expect(created).toMatchObject({
      url: 'https://tax.example.gov.cn/h',
      events: ['serious-list.added'],
      regions: ['3301'],
      status: 'ACTIVE',
      createdBy: 'admin-delivery',
      pending: 0,
    });
    expect(created.secret).toMatch(/^whsec_/);
    const listed = (await t.http().get('/api/v1/subscriptions').set(auth()).expect(200)).body;
    const mine = listed.find((s: { id: number }) => s.id === created.id);
    expect(mine).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(6));
    expect(mine).not.toHaveProperty('secret');
    await t.http().delete(`/api/v1/subscriptions/${created.id}`).set(auth()).expect(204);
    await t.http().get(`/api/v1/subscriptions/${created.id}`).set(auth()).expect(404);
  });

  it('delivers a burst of 5,000 events to three partners: one verifying, one failing its first 3, one down for the first half', async () => {
    const verifying = await WebhookReceiver.create();
    const flaky = await WebhookReceiver.create();
    flaky.failFirst = 3;
    const late = await WebhookReceiver.create(false); // down
    const receivers = [verifying, flaky, late];
    try {
      const before = (await outbox()).last;
      const subs = [];
      for (const r of receivers) {
        const s = await subscribe(r.url);
        r.secret = s.secret;
        subs.push(s);
      }
      // The first half while `late` is down: its circuit opens and its lanes back off.
      await importListings(500);
      await eventually(
        async () => (verifying.accepted.size >= 2500 ? true : undefined),
        120_000,
        100,
      );
      const down = (
        await t.http().get(`/api/v1/subscriptions/${subs[2].id}`).set(auth()).expect(200)
      ).body;
      expect(down.pending).toBe(2500);
      expect(down.failedAttempts).toBeGreaterThan(0);
      await late.start();
      await importListings(500);

      const expected = await outbox(before);
      expect(expected.ids).toHaveLength(5000);
      for (const r of receivers)
        await eventually(async () => (r.accepted.size >= 5000 ? true : undefined), 180_000, 200);
      for (const r of receivers) {
        // Every event, each accepted once, none refused by the partner's signature check.
        expect(new Set(r.accepted.keys())).toEqual(new Set(expected.ids));
        expect(r.refused).toBe(0);
        // Per enterprise, the order of the outbox.
        expect(r.order).toEqual(expected.perEnterprise);
      }
      expect(flaky.requests).toBeGreaterThanOrEqual(5003);
      for (const s of subs) {
        // Rows are marked one by one as partners answer; the delivered counter moves when the
        // job that sent them ends, a moment later.
        const after = await eventually(async () => {
          const v = (await t.http().get(`/api/v1/subscriptions/${s.id}`).set(auth()).expect(200))
            .body;
          return v.delivered === 5000 ? v : undefined;
        }, 30_000);
        expect(after).toMatchObject({ pending: 0, dead: 0, delivered: 5000 });
      }
      const metrics = (await t.http().get('/metrics').expect(200)).text;
      expect(metrics).toContain(`crs_delivery_delivered{subscription="${subs[1].id}"} 5000`);
      expect(metrics).toContain(`crs_delivery_pending{subscription="${subs[2].id}"} 0`);
      expect(metrics).toMatch(
        new RegExp(`crs_delivery_failed_attempts\\{subscription="${subs[2].id}"\\} [1-9]`),
      );
    } finally {
      for (const r of receivers) await r.stop();
    }
  }, 400_000);

  it('a tampered or stale delivery fails the partner’s verification with the library', async () => {
    const r = await WebhookReceiver.create();
    try {
      r.secret = (await subscribe(r.url, { regions: [SMALL] })).secret;
      await listed([SERIOUS]);
      await eventually(async () => (r.last ? true : undefined));
      const { body, headers } = r.last!;
      expect(() => r.verify(body, headers)).not.toThrow();
      const tampered = body.replace('提交虚假材料', '无');
      expect(tampered).not.toBe(body);
      expect(() => r.verify(tampered, headers)).toThrow(/signature/i);
      const forged = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
      const at = new Date(Number(headers['webhook-timestamp']) * 1000);
      expect(() =>
        r.verify(body, {
          ...headers,
          'webhook-signature': forged.sign(headers['webhook-id'], at, body),
        }),
      ).toThrow(/signature/i);
      // Replayed ten minutes later with its genuine signature: refused as stale.
      const stale = Math.floor(Date.now() / 1000) - 600;
      const resigned = new Webhook(r.secret).sign(
        headers['webhook-id'],
        new Date(stale * 1000),
        body,
      );
      expect(() =>
        r.verify(body, {
          ...headers,
          'webhook-timestamp': String(stale),
          'webhook-signature': resigned,
        }),
      ).toThrow(/timestamp/i);
      // Over HTTP, the receiver refuses the tampered copy.
      const refusedBefore = r.refused;
      const res = await fetch(r.url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(tampered)) },
        body: tampered,
      });
      expect(res.status).toBe(401);
      expect(r.refused).toBe(refusedBefore + 1);
    } finally {
      await r.stop();
    }
  });

  it('pauses and resumes in order, signs with both secrets after a rotation, replays from a point in time, stops when deleted', async () => {
    const r = await WebhookReceiver.create();
    try {
      const s = await subscribe(r.url, { regions: [SMALL] });
      r.secret = s.secret;
      expect(
        (await t.http().post(`/api/v1/subscriptions/${s.id}/pause`).set(auth()).expect(200)).body
          .status,
      ).toBe('PAUSED');
      const e = await listed([ABNORMAL, SERIOUS, { ...SERIOUS, documentNo: '严〔2026〕10号' }]);
      await eventually(async () => ((await sub(s.id)).pending === 3 ? true : undefined));
      await new Promise((res) => setTimeout(res, 500));
      expect(r.requests).toBe(0);
      await t.http().post(`/api/v1/subscriptions/${s.id}/resume`).set(auth()).expect(200);
      await eventually(async () => (r.accepted.size === 3 ? true : undefined));
      expect(r.order.get(e.uscc)).toEqual(e.ids);

      // Rotation: the new secret is returned once; for a day both sign, so either verifies.
      const rotated = (
        await t.http().post(`/api/v1/subscriptions/${s.id}/rotate-secret`).set(auth()).expect(200)
      ).body;
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(s.secret);
      const next = await listed([SERIOUS]);
      await eventually(async () => (r.accepted.has(next.ids[0]) ? true : undefined));
      const { body, headers } = r.last!;
      expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect(new Webhook(rotated.secret).verify(body, headers)).toMatchObject({ id: next.ids[0] });
      expect(new Webhook(s.secret).verify(body, headers)).toMatchObject({ id: next.ids[0] });

      // Replay: everything the subscription wants since a date, again, in order.
      await t
        .http()
        .post(`/api/v1/subscriptions/${s.id}/replay?from=tomorrow`)
        .set(auth())
        .expect(400);
      const before = r.requests;
      const replay = (
        await t
          .http()
          .post(`/api/v1/subscriptions/${s.id}/replay?from=2026-06-15`)
          .set(auth())
          .expect(202)
      ).body;
      expect(replay).toMatchObject({ id: s.id, from: '2026-06-14T16:00:00.000Z' });
      expect(replay.replayed).toBeGreaterThanOrEqual(4);
      await eventually(async () => (r.requests - before >= replay.replayed ? true : undefined));
      expect(r.duplicates).toBeGreaterThanOrEqual(4);
      expect(await sub(s.id)).toMatchObject({ pending: 0 });
      const none = (
        await t
          .http()
          .post(`/api/v1/subscriptions/${s.id}/replay?from=2026-06-16`)
          .set(auth())
          .expect(202)
      ).body;
      expect(none.replayed).toBe(0);

      await t.http().delete(`/api/v1/subscriptions/${s.id}`).set(auth()).expect(204);
      const seen = r.requests;
      await listed([ABNORMAL]);
      await new Promise((res) => setTimeout(res, 800));
      expect(r.requests).toBe(seen);
    } finally {
      await r.stop();
    }
  });

  describe('with 3 attempts per delivery', () => {
    beforeAll(async () => {
      await worker.close();
      process.env.DELIVERY_MAX_ATTEMPTS = '3';
      worker = await createTestWorker(t.clock);
    });
    afterAll(() => {
      delete process.env.DELIVERY_MAX_ATTEMPTS;
    });

    it('dead-letters a delivery after its last attempt, and the lane goes on; replay sends it again', async () => {
      const r = await WebhookReceiver.create();
      try {
        const s = await subscribe(r.url, { regions: [SMALL], events: ['serious-list.added'] });
        r.secret = s.secret;
        r.failFirst = 3;
        const e = await listed([SERIOUS, ABNORMAL, { ...SERIOUS, documentNo: '严〔2026〕11号' }]);
        // The first serious listing fails 3 times and is dead; the second still arrives.
        await eventually(async () => (r.accepted.size === 1 ? true : undefined), 20_000);
        expect([...r.accepted.keys()]).toEqual([e.ids[2]]);
        const dead = (
          await t.http().get(`/api/v1/subscriptions/${s.id}/dead-letters`).set(auth()).expect(200)
        ).body;
        expect(dead).toEqual([
          expect.objectContaining({
            eventId: e.ids[0],
            type: 'serious-list.added',
            attempts: 3,
            lastError: 'HTTP 503',
          }),
        ]);
        const metrics = (await t.http().get('/metrics').expect(200)).text;
        expect(metrics).toContain(`crs_delivery_dead_letters{subscription="${s.id}"} 1`);
        await t
          .http()
          .post(`/api/v1/subscriptions/${s.id}/replay?from=2026-06-15T00:00:00Z`)
          .set(auth())
          .expect(202);
        await eventually(async () => (r.accepted.has(e.ids[0]) ? true : undefined), 20_000);
        expect(
          (await t.http().get(`/api/v1/subscriptions/${s.id}/dead-letters`).set(auth()).expect(200))
            .body,
        ).toEqual([]);
      } finally {
        await r.stop();
      }
    });
  });
});
