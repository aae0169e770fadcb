import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueName } from '@app/core';
import { EVIDENCE_SWEEP_JOB, EVIDENCE_SWEEP_SCHEDULER } from '@app/repair';
import { createTestApp, TEST_NOW, TestApp } from './support/test-app';
import { createTestWorker, eventually } from './support/test-worker';
import { newUscc } from './support/fixtures';

const MB = 1024 * 1024;
const pdf = (size?: number) => {
  const body = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`);
  if (!size) return body;
  const out = Buffer.alloc(size, 0x20);
  body.copy(out);
  return out;
};
const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Evidence uploads (issue 23, items 4 and 9): streamed, capped, quota'd, swept, strict multipart. */
describe('evidence uploads: limits and strict multipart (real MySQL + Redis + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let evidenceDir: string;
  let port: number;
  const settings = {
    EVIDENCE_MAX_CONCURRENT_UPLOADS: '2',
    EVIDENCE_QUOTA_FILES: '3',
    EVIDENCE_QUOTA_BYTES: String(12 * MB),
    EVIDENCE_UNREFERENCED_MAX_AGE_HOURS: '168',
  };

  beforeAll(async () => {
    evidenceDir = mkdtempSync(join(tmpdir(), 'crs-evidence-limits-'));
    process.env.EVIDENCE_DIR = evidenceDir;
    Object.assign(process.env, settings);
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    rmSync(evidenceDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
    for (const key of Object.keys(settings)) delete process.env[key];
  });
  afterEach(() => t.clock.set(TEST_NOW));

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  async function newEnterprise() {
    const uscc = newUscc('330106');
    await t.putEnterprise(uscc);
    return { uscc, token: await t.token({ role: 'enterprise', uscc, sub: `ent-${uscc}` }) };
  }
  const upload = (token: string, content: Buffer) =>
    t
      .http()
      .post('/api/v1/evidence')
      .set(auth(token))
      .attach('file', content, { filename: 'm.pdf', contentType: 'application/pdf' });
  const pathOf = (sha: string) => join(evidenceDir, sha.slice(0, 2), sha.slice(2, 4), sha);
  /** Every file under EVIDENCE_DIR, temp files included. */
  const allFiles = (dir = evidenceDir): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)],
    );

  it('hashes a 10 MiB upload streamed to disk: sha256 and stored bytes equal the file', async () => {
    const e = await newEnterprise();
    const content = pdf(10 * MB);
    const res = await upload(e.token, content).expect(201);
    expect(res.body).toEqual({
      sha256: sha256Of(content),
      size: content.length,
      contentType: 'application/pdf',
    });
    expect(sha256Of(readFileSync(pathOf(res.body.sha256)))).toBe(sha256Of(content));
    expect(allFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a token whose USCC is not in the registry (404 naming it), storing nothing', async () => {
    const uscc = newUscc('330106');
    const before = allFiles().length;
    const res = await upload(await t.token({ role: 'enterprise', uscc }), pdf()).expect(404);
    expect(res.body.message).toContain(uscc);
    expect(allFiles().length).toBe(before);
  });

  it('refuses a text field before the file and a second file part with 400, storing nothing', async () => {
    const e = await newEnterprise();
    const before = allFiles().length;
    const field = await t
      .http()
      .post('/api/v1/evidence')
      .set(auth(e.token))
      .field('note', 'hello')
      .attach('file', pdf(), { filename: 'm.pdf', contentType: 'application/pdf' });
    expect(field.status).toBe(400);
    expect(field.body.message).toContain('"note"');
    const two = await t
      .http()
      .post('/api/v1/evidence')
      .set(auth(e.token))
      .attach('file', pdf(), { filename: 'a.pdf', contentType: 'application/pdf' })
      .attach('file', pdf(), { filename: 'b.pdf', contentType: 'application/pdf' });
    expect(two.status).toBe(400);
    expect(two.body.message).toContain('second file');
    expect(allFiles().length).toBe(before);
    await upload(e.token, pdf()).expect(201);
  });

  it('holds each enterprise to its quota of files and bytes (413 naming the quota)', async () => {
    const e = await newEnterprise();
    await upload(e.token, pdf()).expect(201);
    await upload(e.token, pdf()).expect(201);
    await upload(e.token, pdf()).expect(201);
    const fourth = await upload(e.token, pdf()).expect(413);
    expect(fourth.body.message).toContain('EVIDENCE_QUOTA_FILES');
    // Refused before its body is read: no file of it was kept.
    expect(allFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const big = await newEnterprise();
    await upload(big.token, pdf(10 * MB)).expect(201);
    const over = await upload(big.token, pdf(3 * MB)).expect(413);
    expect(over.body.message).toContain('EVIDENCE_QUOTA_BYTES');
    await upload(big.token, pdf(MB)).expect(201); // 11 MiB in all, under 12
  });

  it('answers 503 with Retry-After past EVIDENCE_MAX_CONCURRENT_UPLOADS, and serves again after', async () => {
    const e = await newEnterprise();
    const boundary = `----x${randomUUID()}`;
    const content = pdf(64 * 1024);
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    /** An upload whose body stops halfway until `finish` is called. */
    const held = () => {
      const body = Buffer.concat([head, content, tail]);
      const status = new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/evidence',
            headers: {
              ...auth(e.token),
              'Content-Type': `multipart/form-data; boundary=${boundary}`,
              'Content-Length': body.length,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.write(body.subarray(0, head.length + 1024));
        holders.push(() => req.end(body.subarray(head.length + 1024)));
      });
      return status;
    };
    const holders: (() => void)[] = [];
    const statuses = [held(), held()];
    // Both slots are taken once the held bodies have reached the handler. The
    // probe is a malformed upload (a text field first: 400 while a slot is
    // free), so probing before the holders arrive stores nothing and cannot
    // use up the quota the holders need.
    const probe = await newEnterprise();
    const refused = await eventually(async () => {
      const res = await t
        .http()
        .post('/api/v1/evidence')
        .set(auth(probe.token))
        .field('note', 'probe')
        .attach('file', pdf(), { filename: 'p.pdf', contentType: 'application/pdf' });
      if (res.status !== 503) expect(res.status).toBe(400);
      return res.status === 503 ? res : undefined;
    });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body.message).toContain('EVIDENCE_MAX_CONCURRENT_UPLOADS');
    holders.forEach((finish) => finish());
    expect(await Promise.all(statuses)).toEqual([201, 201]);
    await upload(e.token, pdf()).expect(201);
  });

  it('the scheduled sweep removes uploads never cited once older than the configured age', async () => {
    const queue = worker.get<Queue>(getQueueToken(QueueName.RepairDeadlines));
    expect(await queue.getJobScheduler(EVIDENCE_SWEEP_SCHEDULER)).toBeTruthy();
    const e = await newEnterprise();
    const old = (await upload(e.token, pdf()).expect(201)).body.sha256 as string;
    t.clock.set(new Date(Date.parse(TEST_NOW) + 100 * 3600_000).toISOString());
    const recent = (await upload(e.token, pdf()).expect(201)).body.sha256 as string;
    t.clock.set(new Date(Date.parse(TEST_NOW) + 169 * 3600_000).toISOString());

    const job = await queue.add(EVIDENCE_SWEEP_JOB, {});
    await eventually(async () => ((await job.isCompleted()) ? true : undefined));

    expect(existsSync(pathOf(old))).toBe(false);
    await t.http().get(`/api/v1/evidence/${old}`).set(auth(e.token)).expect(404);
    expect(statSync(pathOf(recent)).isFile()).toBe(true);
    await t.http().get(`/api/v1/evidence/${recent}`).set(auth(e.token)).expect(200);
  });
});
