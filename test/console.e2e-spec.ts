import { INestApplicationContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS,
  ensureConsoleBuilt,
  launchChromium,
  signInThroughProvider,
  writeIdentityDir,
} from './support/browser';
import { freePort } from './support/free-port';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';
import { enterpriseBody, newUscc } from './support/fixtures';

/**
 * The regulators' console in a real browser: Debian's Chromium driven by
 * playwright-core against the real API (random port, real MariaDB and Redis, a
 * worker re-scoring), seeded through the public API. Screenshots of every page at
 * 1280×800 and at tablet width go to test/artifacts/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
];
const zh = new Intl.NumberFormat('zh-CN');

const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe(
  'regulator console in Chromium (real API, MySQL, Redis, worker)',
  { timeout: 120_000 },
  () => {
    let t: TestApp;
    let worker: INestApplicationContext;
    let browser: Browser;
    let base: string;
    let evidenceDir: string;
    let admin: string;
    let regulator: string;
    const contexts: BrowserContext[] = [];
    const marker = randomUUID().slice(0, 6);

    /** The seeded population of 绍兴 (3306): three districts, every tier. */
    const seeded: { uscc: string; name: string; region: string; record?: object }[] = [];
    const penalty = {
      kind: 'PENALTY',
      occurredOn: '2026-02-15',
      severity: 'MODERATE',
      amount: '20000.00',
      violationType: '虚假宣传',
      documentNo: '绍越市监处罚〔2026〕8号',
    };
    let approveTarget: { uscc: string; appId: number; recordId: number; evidence: Buffer };
    let conflictTarget: { uscc: string; appId: number };

    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

    /** The people who sign in through the provider's page in these tests. */
    const PASSWORD = 'console-test-password';
    const enterpriseUscc = newUscc('330106');
    let identityDir: string | undefined;
    const writeIdentity = () =>
      writeIdentityDir(
        [
          { username: 'admin-console-test', name: '系统管理员 测试', role: 'admin' },
          {
            username: 'reg-shaoxing-01',
            name: '绍兴市市场监督管理局 周敏',
            role: 'regulator',
            region: '3306',
          },
          {
            username: 'reg-shaoxing-02',
            name: '绍兴市市场监督管理局 吴刚',
            role: 'regulator',
            region: '3306',
          },
          {
            username: `ent-${enterpriseUscc}`,
            name: '测试企业 经办人',
            role: 'enterprise',
            uscc: enterpriseUscc,
          },
        ],
        PASSWORD,
      );

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), ` +
            'as `npm test` does when run as root (test/ensure-browser.js). These tests never download a browser and never skip.',
        );
      }
      ensureConsoleBuilt();
      mkdirSync(ARTIFACTS, { recursive: true });
      evidenceDir = mkdtempSync(join(tmpdir(), 'crs-console-evidence-'));
      process.env.EVIDENCE_DIR = evidenceDir;

      // The provider writes its URLs from PUBLIC_URL: the port is chosen before the app exists.
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      process.env.PUBLIC_URL = base;
      identityDir = await writeIdentity();
      process.env.IDP_CONFIG_DIR = identityDir;
      t = await createTestApp();
      await t.app.listen(port, '127.0.0.1');
      await t.putEnterprise(enterpriseUscc);
      worker = await createTestWorker(t.clock);
      admin = await t.token({ role: 'admin', sub: 'admin-console-test' });
      regulator = await t.token({ role: 'regulator', region: '3306', sub: 'reg-shaoxing-01' });

      await seed();
      browser = await launchChromium();
    });

    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
      await worker?.close();
      await t?.close();
      if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
      if (identityDir) rmSync(identityDir, { recursive: true, force: true });
      delete process.env.EVIDENCE_DIR;
      delete process.env.PUBLIC_URL;
      delete process.env.IDP_CONFIG_DIR;
    });

    // ---- seeding, through the public API only --------------------------------------------

    async function addEnterprise(region: string, label: string, record?: object) {
      const uscc = newUscc(region);
      const name = `绍兴${label}${marker}有限公司`;
      await t
        .http()
        .put(`/api/v1/enterprises/${uscc}`)
        .set(auth(admin))
        .send(enterpriseBody({ name, regionCode: region }))
        .expect(201);
      await addRecord(uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 });
      const recordId = record ? (await addRecord(uscc, record)).id : undefined;
      seeded.push({ uscc, name, region, record });
      return { uscc, name, recordId };
    }
    const addRecord = (uscc: string, body: object) => t.addRecord(uscc, body);

    /** The enterprise uploads the three materials and applies to repair `recordId`. */
    async function applyForRepair(uscc: string, recordId: number) {
      const token = await t.token({ role: 'enterprise', uscc, sub: `ent-${uscc}` });
      const files: [string, string, Buffer, string][] = [
        ['APPLICATION_FORM', '信用修复申请书', pdf(), 'application/pdf'],
        ['COMMITMENT_LETTER', '守信承诺书', pdf(), 'application/pdf'],
        ['FULFILMENT_PROOF', '罚款缴纳凭证', pdf(), 'application/pdf'],
      ];
      const evidence = [];
      for (const [kind, title, content, contentType] of files) {
        const res = await t
          .http()
          .post('/api/v1/evidence')
          .set(auth(token))
          .attach('file', content, { filename: `${kind}.pdf`, contentType })
          .expect(201);
        evidence.push({ kind, title, sha256: res.body.sha256 });
      }
      const res = await t
        .http()
        .post('/api/v1/repair-applications')
        .set(auth(token))
        .send({ recordId, reason: '罚款已缴清，违法行为已整改完毕。', commitment: true, evidence })
        .expect(201);
      return { appId: res.body.id as number, evidence: files[0][2] };
    }
    const pdf = () => Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`);

    async function seed() {
      await addEnterprise('330602', '越城织造');
      await addEnterprise('330602', '越城茶叶');
      const b1 = await addEnterprise('330602', '越城百货', penalty);
      await addEnterprise('330603', '柯桥纺织');
      await addEnterprise('330603', '柯桥印染', {
        kind: 'ABNORMAL_LISTING',
        occurredOn: '2026-05-01',
        reason: '通过登记的住所无法联系',
      });
      const b2 = await addEnterprise('330603', '柯桥轻纺', penalty);
      await addEnterprise('330604', '上虞化工', {
        kind: 'SERIOUS_DISHONESTY_LISTING',
        occurredOn: '2025-05-01',
        reason: '提交虚假材料',
      });
      await addEnterprise('330604', '上虞机械');
      const b3 = await addEnterprise('330604', '上虞五金', penalty);

      const a1 = await applyForRepair(b1.uscc, b1.recordId!);
      approveTarget = { uscc: b1.uscc, recordId: b1.recordId!, ...a1 };
      conflictTarget = {
        uscc: b2.uscc,
        appId: (await applyForRepair(b2.uscc, b2.recordId!)).appId,
      };
      await applyForRepair(b3.uscc, b3.recordId!);

      for (const e of seeded) {
        await eventually(async () => {
          const res = await t.http().get(`/api/v1/enterprises/${e.uscc}/risk`).set(auth(admin));
          return res.status === 200 ? true : undefined;
        });
      }
      await queueDrained(worker);
    }

    // ---- browser helpers ---------------------------------------------------------------

    async function newPage(): Promise<Page> {
      const context = await browser.newContext({ viewport: VIEWPORTS[0], locale: 'zh-CN' });
      contexts.push(context);
      return context.newPage();
    }

    const signIn = (page: Page, account: string, path = '/console/') =>
      signInThroughProvider(page, `${base}${path}`, account, PASSWORD);

    /** The page at 1280×800 and at 768 wide, whole length, into test/artifacts/. */
    async function screenshots(page: Page, name: string) {
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        await page.waitForTimeout(150);
        await page.screenshot({
          path: join(ARTIFACTS, `console-${name}-${vp.width}.png`),
          fullPage: true,
        });
      }
      await page.setViewportSize(VIEWPORTS[0]);
    }

    const tierShown = (page: Page) =>
      page.getByTestId('risk-head').locator('.tier-badge').getAttribute('data-tier');

    // ---- the tests -----------------------------------------------------------------------

    it('signs in through the provider (code + PKCE): the person is named; the overview matches /risk/summary', async () => {
      const page = await newPage();
      await page.goto(`${base}/console/overview`);
      await page.getByRole('button', { name: '登录' }).waitFor();
      await screenshots(page, 'sign-in');
      await page.getByRole('button', { name: '登录' }).click();
      // The provider's own page, on /idp, in Chinese with English beside it.
      await page.waitForURL(/\/idp\/interaction\//);
      await page.getByLabel('账号').fill('reg-shaoxing-01');
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('账号或密码不正确');
      expect(await page.getByLabel('账号').inputValue()).toBe('reg-shaoxing-01');
      await screenshots(page, 'provider-sign-in-error');
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      // Back on the page that was asked for, signed in as a person, not a role.
      await page.waitForURL(`${base}/console/overview`);
      await page.getByTestId('tier-total').waitFor();
      expect(await page.getByTestId('who').textContent()).toBe(
        '绍兴市市场监督管理局 周敏 · 辖区 3306',
      );
      const storage = (await page.evaluate(
        '({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) })',
      )) as { session: string[]; local: string[] };
      expect(storage.local).toContain(`oidc.user:${base}/idp:crs-console`);
      expect(storage.session).not.toContain('crs.console.token');

      const summary = (
        await t
          .http()
          .get('/api/v1/risk/summary?groupBy=subregion')
          .set(auth(regulator))
          .expect(200)
      ).body;
      expect(summary.total).toBe(seeded.length);
      expect(await page.getByTestId('tier-total').getAttribute('data-value')).toBe(
        String(summary.total),
      );
      for (const tier of ['A', 'B', 'C', 'D']) {
        const cell = page.getByTestId(`tier-count-${tier}`);
        expect(await cell.getAttribute('data-value')).toBe(String(summary.byTier[tier]));
        expect((await cell.textContent())?.trim()).toBe(zh.format(summary.byTier[tier]));
      }
      expect(summary.byTier).toEqual({ A: 4, B: 3, C: 1, D: 1 });
      const shareA = await page.getByTestId('tier-share-A').textContent();
      expect(shareA).toBe(
        new Intl.NumberFormat('zh-CN', {
          style: 'percent',
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }).format(4 / 9),
      );
      const subRows = page.getByTestId('subregion-table').locator('tbody tr');
      expect(await subRows.count()).toBe(summary.subRegions.length);
      // Named, with the code beside the name; each row and count opens the list it counts.
      expect(await subRows.locator('th').allTextContents()).toEqual([
        '越城区 330602',
        '柯桥区 330603',
        '上虞区 330604',
      ]);
      const overdue = (
        await t
          .http()
          .get('/api/v1/repair-applications?overdue=true&pageSize=1')
          .set(auth(regulator))
          .expect(200)
      ).body.total;
      expect(await page.getByTestId('kpi-overdue').textContent()).toBe(zh.format(overdue));
      await screenshots(page, 'overview');

      // The English switch: words change, numbers stay zh-CN.
      await page.getByRole('button', { name: '语言' }).click();
      await page.getByRole('heading', { name: 'Jurisdiction overview' }).waitFor();
      await screenshots(page, 'overview-en');
      await page.getByRole('button', { name: 'Language' }).click();
      await page.getByRole('heading', { name: '辖区总览' }).waitFor();

      // A second tab of the same browser is signed in too: the session is the provider's.
      const second = await page.context().newPage();
      await second.goto(`${base}/console/enterprises`);
      await second.getByRole('button', { name: '退出' }).waitFor();
      expect(await second.getByTestId('who').textContent()).toContain('周敏');
      // 退出 ends the provider's session (it asks to confirm) and every tab's.
      await page.getByRole('button', { name: /^(退出|Sign out)$/ }).click();
      await page.waitForURL(/\/idp\/session\/end/);
      await screenshots(page, 'provider-sign-out');
      await page.getByRole('button', { name: /退出/ }).click();
      await page.waitForURL(`${base}/console/`);
      await page.getByRole('button', { name: /^(登录|Sign in)$/ }).waitFor();
      await second.getByRole('button', { name: '登录' }).waitFor();
      await second.getByText('您已在其他页面退出登录。').waitFor();
      // …and at the provider: signing in again asks for the password.
      await second.getByRole('button', { name: '登录' }).click();
      await second.waitForURL(/\/idp\/interaction\//);
      await second.getByLabel('密码').waitFor();
    });

    it('finds an enterprise by name with the keyboard; its factors sum to its score; vetoes are plain', async () => {
      const page = await newPage();
      await signIn(page, 'reg-shaoxing-01');
      await page.getByRole('link', { name: '企业查询' }).click();
      const box = page.getByLabel('统一社会信用代码或企业名称');
      await box.focus();
      await page.keyboard.type(`上虞化工${marker}`);
      await page.keyboard.press('Enter');
      const hit = seeded.find((e) => e.name.startsWith('绍兴上虞化工'))!;
      await page.getByRole('link', { name: hit.name }).click();
      await page.waitForURL(`${base}/console/enterprises/${hit.uscc}`);
      await page.getByTestId('score').waitFor();

      const score = Number(await page.getByTestId('score').getAttribute('data-value'));
      const basePoints = Number(await page.getByTestId('base-points').getAttribute('data-value'));
      const points = await page
        .locator('[data-testid=factor-table] td[data-factor]')
        .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
      expect(basePoints).toBe(700);
      expect(points.length).toBeGreaterThan(10);
      expect(basePoints + points.reduce((a, b) => a + b, 0)).toBe(score);
      const api = (
        await t.http().get(`/api/v1/enterprises/${hit.uscc}/risk`).set(auth(regulator)).expect(200)
      ).body;
      expect(score).toBe(api.score);
      expect(await tierShown(page)).toBe('D');
      // The waterfall draws one bar per non-zero factor between the base and the score.
      const bars = await page.locator('figure.waterfall g[data-step]').count();
      expect(bars).toBe(2 + points.filter((p) => p !== 0).length);
      const veto = page.getByTestId('vetoes').locator('li[data-veto=SERIOUS_DISHONESTY_LIST]');
      expect(await veto.textContent()).toContain('列入严重违法失信名单');
      await expect(page.getByTestId('records').textContent()).resolves.toContain('有效');
      await screenshots(page, 'enterprise');

      // By USCC prefix, then the what-if: without the penalty the score rises by 80.
      await page.getByRole('link', { name: '企业查询' }).click();
      await page.getByLabel('统一社会信用代码或企业名称').fill(approveTarget.uscc.slice(0, 14));
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByTestId('search-results').getByRole('link').first().click();
      await page.getByTestId('score').waitFor();
      expect(await tierShown(page)).toBe('B');
      const before = Number(await page.getByTestId('score').getAttribute('data-value'));
      await page.getByRole('checkbox', { name: new RegExp(`#${approveTarget.recordId} `) }).check();
      await page.getByRole('button', { name: '计算模拟结果' }).click();
      const simulated = page.getByTestId('what-if-score');
      await simulated.waitFor();
      expect(Number(await simulated.getAttribute('data-value'))).toBe(before + 80);
      await screenshots(page, 'enterprise-what-if');
    });

    it('approves a repair from the queue (accept, then approve) and the tier changes', async () => {
      const page = await newPage();
      await signIn(page, 'reg-shaoxing-01');
      await page.getByRole('link', { name: '信用修复' }).click();
      await page.getByLabel('申请状态').selectOption('SUBMITTED');
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/status=SUBMITTED/);
      const rows = page.getByTestId('queue').locator('tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(3);
      await screenshots(page, 'repair-queue');

      await page.getByRole('link', { name: `#${approveTarget.appId}`, exact: true }).click();
      await page.getByTestId('conditions').waitFor();
      expect(await page.getByTestId('eligible').textContent()).toBe('当前满足修复条件');
      expect(await page.getByTestId('app-status').getAttribute('data-value')).toBe('SUBMITTED');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '下载: 信用修复申请书' }).click();
      const file = await (await download).path();
      expect(sha256Of(readFileSync(file))).toBe(sha256Of(approveTarget.evidence));
      await screenshots(page, 'repair-application');

      await page.getByRole('button', { name: '受理', exact: true }).click();
      await page.getByTestId('decided').waitFor();
      await eventually(async () =>
        (await page.getByTestId('app-status').getAttribute('data-value')) === 'ACCEPTED'
          ? true
          : undefined,
      );
      await page.getByRole('button', { name: '批准修复' }).click();
      // A decision with legal effect is asked about first, with its consequence.
      const confirm = page.getByTestId('confirm');
      expect(await confirm.textContent()).toContain('此决定具有法律效力');
      await screenshots(page, 'repair-confirm');
      await confirm.getByRole('button', { name: '确认' }).click();
      await page.getByText('记录已标记为“已修复”').waitFor();
      expect(await page.getByTestId('decided').textContent()).toMatch(/^已批准修复。/);
      await eventually(async () =>
        (await page.getByTestId('app-status').getAttribute('data-value')) === 'APPROVED'
          ? true
          : undefined,
      );
      expect(await page.getByTestId('app-history').locator('tbody tr').count()).toBe(2);
      await screenshots(page, 'repair-approved');

      await page.getByRole('link', { name: '查看企业' }).click();
      await page.getByTestId('score').waitFor();
      await eventually(async () => {
        if ((await tierShown(page)) === 'A') return true;
        await page.getByRole('button', { name: '刷新' }).click();
        await page.waitForTimeout(200);
        return undefined;
      });
      const record = page.locator(
        `[data-testid=records] tr[data-record="${approveTarget.recordId}"]`,
      );
      expect(await record.textContent()).toContain('已修复');
      expect(await page.getByTestId('history').locator('tbody tr').count()).toBeGreaterThanOrEqual(
        2,
      );
      await screenshots(page, 'enterprise-after-repair');
    });

    it('tells the second regulator deciding the same application that someone else decided first (409)', async () => {
      const first = await newPage();
      const second = await newPage();
      await signIn(first, 'reg-shaoxing-01');
      await signIn(second, 'reg-shaoxing-02');
      const url = `${base}/console/repairs/${conflictTarget.appId}`;
      for (const p of [first, second]) {
        await p.goto(url);
        await p.getByTestId('app-version').waitFor();
        expect(await p.getByTestId('app-version').textContent()).toBe('1');
      }
      await first.getByRole('button', { name: '受理', exact: true }).click();
      await first.getByTestId('decided').waitFor();

      // The second page still shows version 1: its decision must be refused, and said so.
      await second.getByLabel('理由（不予受理、不予修复、撤销时必填）').fill('材料不齐全');
      await second.getByRole('button', { name: '不予受理' }).click();
      await second.getByTestId('confirm').getByRole('button', { name: '确认' }).click();
      const conflict = second.getByTestId('conflict');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('其他人已先对此申请作出决定');
      expect(await conflict.getAttribute('role')).toBe('alert');
      await eventually(async () =>
        (await second.getByTestId('app-status').getAttribute('data-value')) === 'ACCEPTED'
          ? true
          : undefined,
      );
      const app = (
        await t
          .http()
          .get(`/api/v1/repair-applications/${conflictTarget.appId}`)
          .set(auth(regulator))
          .expect(200)
      ).body;
      expect(app).toMatchObject({ status: 'ACCEPTED', version: 2 });
      expect(app.history.map((h: { actor: string }) => h.actor)).toEqual(['reg-shaoxing-01']);
      await screenshots(second, 'repair-conflict');

      // The whole queue, earliest deadline first.
      await second.goto(`${base}/console/repairs`);
      const rows = second.getByTestId('queue').locator('tbody tr');
      await rows.first().waitFor();
      const deadlines = await rows.evaluateAll((trs) =>
        trs
          .filter((tr) => /待受理|已受理/.test(tr.textContent ?? ''))
          .map((tr) => tr.querySelectorAll('td')[5].textContent?.slice(0, 10) ?? ''),
      );
      expect(deadlines.length).toBeGreaterThanOrEqual(2);
      expect([...deadlines].sort()).toEqual(deadlines);
    });

    it('runs: an admin starts a full dry run and watches it complete; regulators get no button', async () => {
      const page = await newPage();
      await signIn(page, 'admin-console-test');
      await page.getByRole('link', { name: '分类批次' }).click();
      await page.getByRole('radio', { name: '全量' }).check();
      await page.getByLabel('试运行（仅统计迁移，不保存结果）').check();
      await page.getByRole('button', { name: '开始' }).click();
      const started = page.getByTestId('run-started');
      await started.waitFor();
      const id = Number((await started.textContent())!.replace(/\D/g, ''));
      const row = page.locator(`[data-testid=runs] tr[data-run="${id}"]`);
      // No reload: the page polls while the run is queued or running.
      await row.and(page.locator('[data-status=completed]')).waitFor({ timeout: 60_000 });
      await row.getByRole('button', { name: '迁移矩阵' }).click();
      await page.getByTestId(`matrix-${id}`).waitFor();
      await screenshots(page, 'runs');

      const reg = await newPage();
      await signIn(reg, 'reg-shaoxing-01');
      await reg.goto(`${base}/console/runs`);
      await reg.getByText('仅管理员可发起批次。').waitFor();
      expect(await reg.getByRole('button', { name: '开始' }).count()).toBe(0);
      // A dry run stores nothing: the overview does not stand on it.
      await reg.goto(`${base}/console/overview`);
      await reg.getByTestId('tier-table').waitFor();
      await reg.waitForLoadState('networkidle');
      expect(await reg.getByTestId(`matrix-${id}`).count()).toBe(0);

      // A stored national run: the overview shows it with the counts of the regulator's own
      // jurisdiction, not the nation's.
      const real = await t
        .http()
        .post('/api/v1/reclassifications')
        .set(auth(admin))
        .send({ mode: 'full', dryRun: false })
        .expect(202);
      const done = await eventually(async () => {
        const r = await t.http().get(`/api/v1/reclassifications/${real.body.id}`).set(auth(admin));
        return r.body.status === 'completed' ? r.body : undefined;
      }, 60_000);
      const mine = await t
        .http()
        .get(`/api/v1/reclassifications/${real.body.id}`)
        .set(auth(regulator))
        .expect(200);
      expect(mine.body.countsRegion).toBe('3306');
      const regional = Object.values(mine.body.byTier as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      );
      const national = Object.values(done.byTier as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      );
      expect(regional).toBeLessThan(national);
      await reg.reload();
      await reg.getByTestId(`matrix-${real.body.id}`).waitFor();
      expect(await reg.getByTestId('counts-region').textContent()).toBe('3306');
    });

    it('drills down from the overview’s counts to the list they count, and pages through it', async () => {
      const page = await newPage();
      await signIn(page, 'reg-shaoxing-01');
      await page.goto(`${base}/console/overview`);
      const summary = (await t.http().get('/api/v1/risk/summary').set(auth(regulator))).body;
      // A tier count opens the enterprise list of that tier, with its total said.
      const tierWithMost = (['A', 'B', 'C', 'D'] as const).reduce((a, b) =>
        summary.byTier[a] >= summary.byTier[b] ? a : b,
      );
      await page.getByTestId(`tier-count-${tierWithMost}`).getByRole('link').click();
      await page.waitForURL(/\/console\/enterprises\?/);
      await page.getByTestId('search-results').waitFor();
      const rows = page.getByTestId('search-results').locator('tbody tr');
      expect(await rows.count()).toBe(Math.min(50, summary.byTier[tierWithMost]));
      expect(
        new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-tier')))),
      ).toEqual(new Set([tierWithMost]));
      expect(await page.getByTestId('total-results').textContent()).toContain(
        `共 ${summary.byTier[tierWithMost]} 条`,
      );
      await screenshots(page, 'drill-down-tier');

      // A sub-region row opens that district's list; names, not codes.
      await page.goto(`${base}/console/overview`);
      await page.getByTestId('subregion-table').getByRole('link', { name: '柯桥区' }).click();
      await page.getByTestId('search-results').waitFor();
      expect(new URL(page.url()).searchParams.get('region')).toBe('330603');
      const cells = await page
        .getByTestId('search-results')
        .locator('tbody tr td:nth-child(3)')
        .allTextContents();
      expect(new Set(cells)).toEqual(new Set(['浙江省绍兴市柯桥区']));

      // More than a page: 52 more enterprises in 诸暨, listed 50 at a time.
      for (let i = 0; i < 52; i++) await addEnterprise('330681', `诸暨袜业${i}`);
      await page.goto(`${base}/console/enterprises?region=330681`);
      await eventually(async () => {
        await page.reload();
        await page.getByTestId('total-results').waitFor();
        const text = await page.getByTestId('total-results').textContent();
        return text?.includes('共 52 条') ? true : undefined;
      }, 30_000);
      expect(await page.getByTestId('total-results').textContent()).toBe(
        '共 52 条 · 显示第 1–50 条 · 第 1 / 2 页',
      );
      await page.getByRole('button', { name: '下一页' }).click();
      await page.waitForURL(/page=2/);
      await expect
        .poll(() => page.getByTestId('total-results').textContent())
        .toBe('共 52 条 · 显示第 51–52 条 · 第 2 / 2 页');
      expect(await page.getByTestId('search-results').locator('tbody tr').count()).toBe(2);
      // Filtered by name within the region.
      await page.getByLabel('统一社会信用代码或企业名称').fill('诸暨袜业51');
      await page.getByRole('button', { name: '查询' }).click();
      await expect
        .poll(() => page.getByTestId('search-results').locator('tbody tr').count())
        .toBe(1);
      await screenshots(page, 'enterprise-list');
      // In English the pager speaks English.
      await page.getByRole('button', { name: '语言' }).click();
      await expect
        .poll(() => page.getByTestId('total-results').textContent())
        .toBe('1 in all · Showing 1–1 · Page 1 of 1');
      await page.getByRole('button', { name: 'Language' }).click();
    });

    it('an enterprise is never offered the risk pages: its own home and menu, no request for risk data', async () => {
      const page = await newPage();
      const asked: string[] = [];
      page.on('request', (r) => asked.push(new URL(r.url()).pathname));
      const own = enterpriseUscc;
      await signIn(page, `ent-${own}`);
      await page.waitForURL(`${base}/console/my/records`);
      expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
        '我的信用记录',
        '我的申请',
      ]);
      await screenshots(page, 'enterprise-home');
      // Typing a regulator's address: not offered, not found, and nothing asked of the API.
      await page.goto(`${base}/console/overview`);
      await page.getByText('未找到').waitFor();
      await page.goto(`${base}/console/enterprises/${own}`);
      await page.getByText('未找到').waitFor();
      expect(await page.getByTestId('tier-table').count()).toBe(0);
      expect(asked.filter((p) => /\/risk|\/measures/.test(p))).toEqual([]);
      expect(await page.locator('.note.error[data-status="403"]').count()).toBe(0);
    });
  },
);
