import { INestApplicationContext } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { QueueName } from '@app/core';
import { RunService } from '@app/reclassification';
import { DeadlineSweepService } from '@app/repair';
import { followRun } from '../apps/cli/src/reclassify/follow-run';
import { RunView } from '../apps/cli/src/reclassify/run-format';
import { RunProgressBar } from '../apps/cli/src/reclassify/run-progress-bar';
import { enterpriseBody, newUscc } from './support/fixtures';
import { moderatePenalty, repairKit } from './support/repair-kit';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, queueDrained } from './support/test-worker';
import { ensurePromtool } from './ensure-promtool';

/** This file's enterprises live in 6502xx, which no other test uses, so a run narrowed to it is ours. */
const REGION = '6502';
const ENTERPRISES = 20;

/** `name{labels} value` lines of a Prometheus text exposition. */
function samples(text: string) {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a sample line: ${l}`);
      const labels = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
      );
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

function value(text: string, name: string, labels: Record<string, string> = {}) {
  const found = samples(text).filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length !== 1) {
    throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  }
  return found[0].value;
}

describe("operators' view: queue board, metrics, reclassify --follow (real MySQL + Redis + worker)", () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  let regulator: string;
  let evidenceDir: string;

  beforeAll(async () => {
    evidenceDir = mkdtempSync(join(tmpdir(), 'crs-evidence-'));
    process.env.EVIDENCE_DIR = evidenceDir;
    t = await createTestApp();
    worker = await createTestWorker(t.clock);
    admin = await t.token({ role: 'admin' });
    regulator = await t.token({ role: 'regulator', region: REGION });
    for (let i = 0; i < ENTERPRISES; i++) {
      const regionCode = `65020${i % 3}`;
      await t
        .http()
        .put(`/api/v1/enterprises/${newUscc(regionCode)}`)
        .set('Authorization', `Bearer ${admin}`)
        .send(enterpriseBody({ regionCode, establishedOn: `20${10 + (i % 12)}-05-01` }))
        .expect(201);
    }
    await queueDrained(worker);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    rmSync(evidenceDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  describe('/admin/queues', () => {
    it('refuses a request without a token, or with a bad one (401)', async () => {
      await t.http().get('/admin/queues').expect(401);
      await t.http().get('/admin/queues/api/queues').expect(401);
      await t.http().get('/admin/queues').set('Authorization', 'Bearer not-a-jwt').expect(401);
      await t.http().get('/admin/queues').set('Cookie', 'crs_board=not-a-jwt').expect(401);
    });

    it('refuses a regulator (403), by header or by query, and sets no cookie', async () => {
      await t.http().get('/admin/queues').set('Authorization', `Bearer ${regulator}`).expect(403);
      const res = await t.http().get(`/admin/queues?token=${regulator}`).expect(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('shows the board to an admin, over every queue of the service', async () => {
      const page = await t
        .http()
        .get('/admin/queues')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toMatch(/<!DOCTYPE html>/i);
      const api = await t
        .http()
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      const names = (api.body.queues as { name: string }[]).map((q) => q.name).sort();
      expect(names).toEqual(Object.values(QueueName).sort());
    });

    it('trades ?token= for an HttpOnly, SameSite=Strict cookie scoped to the board', async () => {
      const res = await t.http().get(`/admin/queues?token=${admin}&page=1`).expect(303);
      expect(res.headers.location).toBe('/admin/queues?page=1');
      const [cookie] = res.headers['set-cookie'] as unknown as string[];
      expect(cookie).toMatch(/^crs_board=[\w-]+\.[\w-]+\.[\w-]+;/);
      expect(cookie).toMatch(/; Path=\/admin\/queues(;|$)/);
      expect(cookie).toMatch(/; HttpOnly(;|$)/);
      expect(cookie).toMatch(/; SameSite=Strict(;|$)/);
      const pair = cookie.split(';')[0];
      await t.http().get('/admin/queues').set('Cookie', pair).expect(200);
      await t.http().get('/admin/queues/api/queues').set('Cookie', pair).expect(200);
    });

    it('lives outside the API prefix', async () => {
      await t
        .http()
        .get('/api/v1/admin/queues')
        .set('Authorization', `Bearer ${admin}`)
        .expect(404);
    });
  });

  describe('/metrics', () => {
    it('answers Prometheus text outside the API prefix, without a token when none is configured', async () => {
      await t.http().get('/api/v1/health').expect(200);
      const res = await t.http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;
      for (const name of [
        'process_cpu_seconds_total',
        'nodejs_heap_size_used_bytes',
        'http_request_duration_seconds',
        'bullmq_jobs',
        'crs_repair_applications_open',
        'crs_repair_applications_overdue',
        'bullmq_job_completed_total',
        'bullmq_job_failed_total',
        'crs_reclassification_active_runs',
        'crs_reclassification_running_enterprises',
        'crs_reclassification_running_enterprises_per_second',
        'crs_metrics_source_up',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      const health = { method: 'GET', route: '/api/v1/health', status_code: '200' };
      expect(value(text, 'http_request_duration_seconds_count', health)).toBeGreaterThanOrEqual(1);
      for (const queue of Object.values(QueueName)) {
        for (const state of [
          'waiting',
          'active',
          'delayed',
          'prioritized',
          'failed',
          'completed',
        ]) {
          expect(value(text, 'bullmq_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
        }
      }
      // Every enterprise written queued a re-score job, which the worker completed.
      expect(
        value(text, 'bullmq_job_completed_total', { queue: 'rescore' }),
      ).toBeGreaterThanOrEqual(ENTERPRISES);
      expect(value(text, 'crs_metrics_source_up', { source: 'queues' })).toBe(1);
      expect(value(text, 'crs_metrics_source_up', { source: 'runs' })).toBe(1);
      expect(value(text, 'crs_metrics_source_up', { source: 'repair' })).toBe(1);
      await t.http().get('/api/v1/metrics').expect(404);
    });

    it("follows a full run to its end, then reports the run's duration, rate and counts", async () => {
      const started = await t
        .http()
        .post('/api/v1/reclassifications')
        .set('Authorization', `Bearer ${admin}`)
        .send({ mode: 'full', region: REGION })
        .expect(202);
      // The test clock stands still; let it move so the run lasts a measurable while.
      const ticking = setInterval(() => t.clock.advance(250), 5);
      const out = new PassThrough();
      let printed = '';
      out.on('data', (d) => (printed += String(d)));
      const seen: RunView[] = [];
      const runs = t.app.get(RunService);
      let run: RunView;
      try {
        run = await followRun(
          started.body.id,
          async (id) => {
            const r = await runs.get(id);
            seen.push(r);
            return r;
          },
          { intervalMs: 20, bar: new RunProgressBar(out, 20) },
        );
      } finally {
        clearInterval(ticking);
      }
      expect(run).toMatchObject({
        status: 'completed',
        total: ENTERPRISES,
        processed: ENTERPRISES,
      });
      expect(seen.slice(0, -1).every((r) => r.status === 'queued' || r.status === 'running')).toBe(
        true,
      );
      expect(printed).toContain(`run ${run.id} completed`);
      expect(printed).toContain(`${ENTERPRISES}/${ENTERPRISES} enterprises`);

      const text = (await t.http().get('/metrics').expect(200)).text;
      const full = { mode: 'full' };
      const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)) / 1000;
      expect(seconds).toBeGreaterThan(0);
      expect(value(text, 'crs_reclassification_last_run_duration_seconds', full)).toBeCloseTo(
        seconds,
        3,
      );
      expect(value(text, 'crs_reclassification_last_run_enterprises_per_second', full)).toBeCloseTo(
        ENTERPRISES / seconds,
        3,
      );
      expect(
        value(text, 'crs_reclassification_last_run_enterprises', { ...full, outcome: 'processed' }),
      ).toBe(ENTERPRISES);
      expect(
        value(text, 'crs_reclassification_last_run_enterprises', { ...full, outcome: 'failed' }),
      ).toBe(0);
      expect(value(text, 'crs_reclassification_last_run_success', full)).toBe(1);
      expect(value(text, 'crs_reclassification_last_run_finished_timestamp_seconds', full)).toBe(
        Date.parse(run.finishedAt!) / 1000,
      );
      expect(value(text, 'crs_reclassification_active_runs', { status: 'running' })).toBe(0);
      // One plan job and one job per chunk, all done.
      expect(
        value(text, 'bullmq_job_completed_total', { queue: 'reclassify' }),
      ).toBeGreaterThanOrEqual(1 + run.chunks.total);
    });
    it('passes `promtool check metrics` (Prometheus naming and format rules)', async () => {
      const promtool = ensurePromtool();
      expect(promtool, 'promtool is needed: see test/ensure-promtool.js').toBeDefined();
      const text = (await t.http().get('/metrics').expect(200)).text;
      const r = spawnSync(promtool!, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      const report = `${r.stdout}${r.stderr}`;
      expect(report).toBe('');
      expect(r.status, report).toBe(0);
    });

    it('counts open repair applications, and those past their deadline once the sweep marks them', async () => {
      const kit = repairKit(
        () => t,
        () => ({ admin, regulator }),
      );
      // This file's enterprises are in 6502xx: their penalties' authority is in province 65.
      const submitted = { region: '65', status: 'SUBMITTED' };
      const scrape = async () => (await t.http().get('/metrics').expect(200)).text;
      const count = (text: string, name: string) =>
        text.includes(`${name}{region="65",status="SUBMITTED"}`) ? value(text, name, submitted) : 0;
      const before = await scrape();

      const e = await kit.newEnterprise({}, '650201');
      const record = await kit.addRecord(e.uscc, moderatePenalty());
      const app = await kit.applyFor(e.token, record.id);
      const afterSubmit = await scrape();
      expect(count(afterSubmit, 'crs_repair_applications_open')).toBe(
        count(before, 'crs_repair_applications_open') + 1,
      );
      expect(count(afterSubmit, 'crs_repair_applications_overdue')).toBe(
        count(before, 'crs_repair_applications_overdue'),
      );

      // The day after the last day to accept it, the sweep marks it overdue.
      const nextDay = new Date(Date.parse(`${app.acceptBy}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      const sweeper = t.app.get(DeadlineSweepService);
      try {
        await sweeper.sweep(nextDay);
        const late = await scrape();
        expect(count(late, 'crs_repair_applications_overdue')).toBe(
          count(afterSubmit, 'crs_repair_applications_overdue') + 1,
        );
        expect(count(late, 'crs_repair_applications_open')).toBe(
          count(afterSubmit, 'crs_repair_applications_open'),
        );
      } finally {
        // Other test files' open applications are judged as of the test day again.
        await sweeper.sweep(t.clock.today());
      }
    });
  });
});
