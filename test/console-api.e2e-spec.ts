import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';
import { enterpriseBody, newUscc } from './support/fixtures';
import type { INestApplicationContext } from '@nestjs/common';

/** The API additions the regulators' console needs: name search and the summary by sub-region. */
describe('enterprise search and the summary by sub-region (real MySQL + Redis)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  let fuzhou: string;
  let xiamen: string;
  const marker = randomUUID().slice(0, 8);
  const gulou = newUscc('350102');
  const taijiang = newUscc('350103');
  const siming = newUscc('350203');

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    fuzhou = await t.token({ role: 'regulator', region: '3501' });
    xiamen = await t.token({ role: 'regulator', region: '3502' });
    const put = (uscc: string, body: object) =>
      t.http().put(`/api/v1/enterprises/${uscc}`).set(auth(admin)).send(body).expect(201);
    await put(
      gulou,
      enterpriseBody({ name: `福州鼓楼${marker}百货有限公司`, regionCode: '350102' }),
    );
    await put(
      taijiang,
      enterpriseBody({ name: `福州台江${marker}食品有限公司`, regionCode: '350103' }),
    );
    await put(
      siming,
      enterpriseBody({ name: `厦门思明${marker}百货有限公司`, regionCode: '350203' }),
    );
    await t
      .http()
      .post(`/api/v1/enterprises/${taijiang}/records`)
      .set(auth(admin))
      .send({
        kind: 'ABNORMAL_LISTING',
        occurredOn: '2026-05-01',
        reason: '通过登记的住所无法联系',
      })
      .expect(201);
    // Re-scoring may pass through an outbox first: wait for both assessments.
    for (const uscc of [gulou, taijiang]) {
      await eventually(async () => {
        const res = await t.http().get(`/api/v1/enterprises/${uscc}/risk`).set(auth(admin));
        return res.status === 200 ? true : undefined;
      });
    }
    await queueDrained(worker);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const search = (token: string, q: string, extra = '') =>
    t
      .http()
      .get(`/api/v1/enterprises?q=${encodeURIComponent(q)}${extra}`)
      .set(auth(token));

  it('finds by a name substring within the jurisdiction only', async () => {
    const res = await search(fuzhou, `${marker}百货`).expect(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    expect(res.body.items).toEqual([
      expect.objectContaining({ uscc: gulou, name: `福州鼓楼${marker}百货有限公司` }),
    ]);
    const both = await search(admin, `${marker}百货`).expect(200);
    expect(both.body.items.map((e: { uscc: string }) => e.uscc).sort()).toEqual(
      [gulou, siming].sort(),
    );
    const other = await search(xiamen, marker).expect(200);
    expect(other.body.items.map((e: { uscc: string }) => e.uscc)).toEqual([siming]);
  });

  it('finds by a USCC prefix, case-insensitively, and pages the results', async () => {
    const res = await search(fuzhou, gulou.slice(0, 12).toLowerCase()).expect(200);
    expect(res.body.items.map((e: { uscc: string }) => e.uscc)).toEqual([gulou]);
    const paged = await search(fuzhou, marker, '&pageSize=1&page=2').expect(200);
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(paged.body.items).toHaveLength(1);
  });

  it('treats % and _ as plain characters, validates q, and refuses enterprises', async () => {
    expect((await search(fuzhou, '%').expect(200)).body.total).toBe(0);
    await search(fuzhou, 'x'.repeat(101)).expect(400);
    const ent = await t.token({ role: 'enterprise', uscc: gulou });
    await search(ent, marker).expect(403);
  });

  it('breaks the summary down by the next administrative level when asked', async () => {
    const plain = await t.http().get('/api/v1/risk/summary').set(auth(fuzhou)).expect(200);
    expect(plain.body.subRegions).toBeUndefined();
    const res = await t
      .http()
      .get('/api/v1/risk/summary?groupBy=subregion')
      .set(auth(fuzhou))
      .expect(200);
    expect(res.body.total).toBe(plain.body.total);
    const byRegion = Object.fromEntries(
      res.body.subRegions.map((r: { region: string }) => [r.region, r]),
    );
    const tierOf = async (uscc: string) =>
      (await t.http().get(`/api/v1/enterprises/${uscc}/risk`).set(auth(fuzhou)).expect(200)).body
        .tier as string;
    expect(byRegion['350102'].byTier[await tierOf(gulou)]).toBeGreaterThanOrEqual(1);
    expect(await tierOf(taijiang)).toBe('C'); // on the abnormal list: no better than C
    expect(byRegion['350103'].byTier.C).toBeGreaterThanOrEqual(1);
    expect(byRegion['350203']).toBeUndefined();
    const sum = res.body.subRegions.reduce((n: number, r: { total: number }) => n + r.total, 0);
    expect(sum).toBe(res.body.total);
    await t.http().get('/api/v1/risk/summary?groupBy=district').set(auth(fuzhou)).expect(400);
  });

  it('explains a score from the model base: base + Σ points = score', async () => {
    const res = await t.http().get(`/api/v1/enterprises/${gulou}/risk`).set(auth(fuzhou));
    expect(res.status).toBe(200);
    const sum = res.body.factors.reduce((n: number, f: { points: number }) => n + f.points, 0);
    expect(res.body.base).toBe(700);
    expect(res.body.thresholds).toEqual({ A: 700, B: 600, C: 450 });
    expect(res.body.base + sum).toBe(res.body.score);
  });
});
