import { INestApplicationContext } from '@nestjs/common';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS,
  axeClean,
  lookAt,
  ensureConsoleBuilt,
  launchChromium,
  signInThroughProvider,
  writeIdentityDir,
} from './support/browser';
import { enterpriseBody, newUscc } from './support/fixtures';
import { freePort } from './support/free-port';
import { createTestApp, TestApp } from './support/test-app';
import { createTestWorker, eventually, queueDrained } from './support/test-worker';

/**
 * Issue 17 item 5: the supervision and administration pages in Debian's
 * Chromium against the real API (MariaDB, Redis, a worker), each used as its
 * user would: a regulator draws an inspection plan, verifies and exports it;
 * an admin adds an inspector and a conflict, filters the audit trail, uploads
 * an import and sees its rejection, and enters a record (refused, then saved).
 * Screenshots at 1280 and 768 px; axe-core on every page; Chinese and English.
 */
const PASSWORD = 'pages-test-password';
const DESK = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
/** A district used only by this file, so other suites' enterprises never enter its draws. */
const REGION = '330109';

describe(
  'supervision and admin pages in Chromium (real API, MySQL, Redis, worker)',
  {
    timeout: 240_000,
  },
  () => {
    let t: TestApp;
    let worker: INestApplicationContext;
    let browser: Browser;
    let base: string;
    let identityDir: string;
    let admin: string;
    let regulator: string;
    const importDir = mkdtempSync(join(tmpdir(), 'crs-pages-imports-'));
    const contexts: BrowserContext[] = [];
    const population: string[] = [];
    let seededInspector: number;

    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const get = async (path: string, token: string) =>
      (await t.http().get(`/api/v1${path}`).set(auth(token)).expect(200)).body;

    beforeAll(async () => {
      ensureConsoleBuilt();
      mkdirSync(ARTIFACTS, { recursive: true });
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      process.env.PUBLIC_URL = base;
      process.env.IMPORT_DIR = importDir;
      identityDir = await writeIdentityDir(
        [
          { username: 'admin-pages', name: '系统管理员 林', role: 'admin' },
          {
            username: 'reg-pages',
            name: '萧山区市场监督管理局 陈',
            role: 'regulator',
            region: REGION,
          },
        ],
        PASSWORD,
      );
      process.env.IDP_CONFIG_DIR = identityDir;
      t = await createTestApp();
      await t.app.listen(port, '127.0.0.1');
      worker = await createTestWorker(t.clock);
      admin = await t.token({ role: 'admin', sub: 'admin-pages' });
      regulator = await t.token({ role: 'regulator', region: REGION, sub: 'reg-pages' });

      // Twelve enterprises across the tiers, scored by the worker.
      const serious = {
        kind: 'SERIOUS_DISHONESTY_LISTING',
        occurredOn: '2026-05-01',
        reason: '提交虚假材料',
      };
      const abnormal = {
        kind: 'ABNORMAL_LISTING',
        occurredOn: '2026-05-01',
        reason: '住所无法联系',
      };
      const penalty = {
        kind: 'PENALTY',
        occurredOn: '2026-02-15',
        severity: 'MODERATE',
        amount: '20000.00',
        violationType: '虚假宣传',
        documentNo: '萧市监处罚〔2026〕8号',
      };
      const extras = [
        [],
        [],
        [],
        [],
        [],
        [penalty],
        [penalty],
        [abnormal],
        [abnormal],
        [serious],
        [serious],
        [],
      ];
      for (const [i, records] of extras.entries()) {
        const uscc = newUscc(REGION);
        await t.putEnterprise(uscc, { name: `萧山抽查测试${i + 1}号有限公司`, regionCode: REGION });
        await t.addRecord(uscc, { kind: 'ANNUAL_REPORT', occurredOn: '2025-05-01', year: 2024 });
        for (const r of records) await t.addRecord(uscc, r);
        population.push(uscc);
      }
      for (const name of ['王建国', '李敏', '张伟']) {
        const res = await t
          .http()
          .post('/api/v1/inspectors')
          .set(auth(admin))
          .send({ name, regionCode: REGION })
          .expect(201);
        seededInspector ??= res.body.id;
      }
      await t
        .http()
        .post(`/api/v1/inspectors/${seededInspector}/conflicts`)
        .set(auth(admin))
        .send({ uscc: population[0], reason: '配偶任该企业财务负责人' })
        .expect(201);
      await queueDrained(worker);
      await eventually(async () => {
        const s = await get(`/risk/summary?region=${REGION}`, regulator);
        return s.total === population.length ? true : undefined;
      }, 20_000);
      browser = await launchChromium();
    });

    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
      await worker?.close();
      await t?.close();
      rmSync(identityDir, { recursive: true, force: true });
      rmSync(importDir, { recursive: true, force: true });
      delete process.env.PUBLIC_URL;
      delete process.env.IDP_CONFIG_DIR;
      delete process.env.IMPORT_DIR;
    });

    async function newPage(): Promise<Page> {
      const context = await browser.newContext({
        viewport: DESK,
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      contexts.push(context);
      return context.newPage();
    }
    const look = (page: Page, name: string) =>
      lookAt(page, name, { prefix: 'console-pages', viewports: [DESK, TABLET] });
    const signIn = (page: Page, account: string) =>
      signInThroughProvider(page, `${base}/console/`, account, PASSWORD);

    let planId: number;

    it('a regulator draws a plan with the ratios shown, verifies it and exports its list', async () => {
      const page = await newPage();
      await signIn(page, 'reg-pages');
      const nav = page.getByRole('navigation', { name: 'main' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(
        expect.arrayContaining(['抽查计划', '检查人员']),
      );
      await nav.getByRole('link', { name: '抽查计划' }).click();
      await page.getByRole('heading', { name: '双随机抽查计划' }).waitFor();
      await page.getByTestId('range-A').getByText('允许').waitFor();
      expect(await page.getByTestId('range-A').textContent()).toBe('默认 5%，允许 0% – 5%');
      expect(await page.getByTestId('range-D').textContent()).toBe('默认 80%，允许 61% – 100%');
      expect(await page.getByText('留空时由服务器生成随机种子').count()).toBe(1);

      // Nothing named, A out of its range: both said at their fields, nothing drawn.
      await page.getByLabel('A 类抽查比例').fill('0.5');
      await page.getByRole('button', { name: '抽取' }).click();
      await page.getByText('请填写计划名称。').waitFor();
      await page.getByText('超出允许范围 0% – 5%。').waitFor();
      expect(await page.getByLabel('A 类抽查比例').getAttribute('aria-invalid')).toBe('true');
      await look(page, 'plans-draw-errors');
      await axeClean(page, 'plans-draw-errors');
      expect((await get(`/inspection-plans?region=${REGION}`, regulator)).total).toBe(0);

      await page.getByLabel('计划名称').fill('2026年第二季度萧山区双随机抽查');
      await page.getByLabel('A 类抽查比例').fill('');
      await page.getByLabel('D 类抽查比例').fill('1');
      await page.getByRole('button', { name: '抽取' }).click();
      await page.waitForURL(/\/console\/plans\/\d+/);
      planId = Number(/plans\/(\d+)/.exec(page.url())![1]);
      await page.getByTestId('plan-drawn').waitFor();
      const plan = await get(`/inspection-plans/${planId}`, regulator);
      expect(plan.seedSource).toBe('server');
      expect(plan.ratios.D).toBe(1);
      expect(await page.getByTestId('seed-source').textContent()).toBe('服务器生成');
      for (const tier of ['A', 'B', 'C', 'D']) {
        expect(await page.getByTestId(`count-${tier}`).textContent()).toBe(
          String(plan.counts[tier]),
        );
      }
      const rows = page.getByTestId('drawn').locator('tbody tr');
      expect(await rows.count()).toBe(plan.drawn.length);
      expect(await page.getByTestId('total-drawn').textContent()).toContain(
        `共 ${plan.drawn.length} 条`,
      );
      expect(await rows.first().getAttribute('data-uscc')).toBe(plan.drawn[0].uscc);

      // 一公开: the re-run reproduces the list.
      await page.getByRole('button', { name: '验证抽取结果' }).click();
      const verdict = page.getByTestId('verify-result');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-match')).toBe('true');
      expect(await verdict.textContent()).toContain('验证通过');

      // The CSV, downloaded with the token: the same list, in order.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`inspection-plan-${planId}.csv`);
      const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const lines = csv.trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^position,uscc,name,regionCode,tier/);
      expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(
        plan.drawn.map((d: { uscc: string }) => d.uscc),
      );
      await page.getByText('已下载 CSV 文件。').waitFor();
      await look(page, 'plan-detail');
      await axeClean(page, 'plan-detail');

      // In English: the same page, other words.
      await page.getByRole('button', { name: '语言' }).click();
      await page.getByRole('button', { name: 'Verify the draw' }).waitFor();
      expect(await page.getByTestId('seed-source').textContent()).toBe('Generated by the server');
      expect(await page.getByTestId('total-drawn').textContent()).toContain(
        `${plan.drawn.length} in all`,
      );
      await look(page, 'plan-detail-en');
      await axeClean(page, 'plan-detail-en');
      await page.getByRole('button', { name: 'Language' }).click();
      await page.getByRole('button', { name: '验证抽取结果' }).waitFor();

      // The list, with its total, and the period filter.
      await page.getByRole('link', { name: '返回计划列表' }).click();
      await page.getByTestId('plans').waitFor();
      expect(await page.getByTestId('plans').locator('tbody tr').count()).toBe(1);
      expect(await page.getByTestId('total-plans').textContent()).toContain('共 1 条');
      await look(page, 'plans');
      await axeClean(page, 'plans');
      await page.getByLabel('起始日期').fill('2026-06-16');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.getByText('该时期内没有抽查计划。').waitFor();
      expect(page.url()).toContain('from=2026-06-16');
      await page.getByLabel('起始日期').fill('2026-06-15');
      await page.getByLabel('截止日期').fill('2026-06-15');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.getByTestId('plans').waitFor();
      expect(await page.getByTestId('total-plans').textContent()).toContain('共 1 条');

      // A drawn enterprise opened from the list: a risk read the audit trail will show.
      await page.getByRole('link', { name: '2026年第二季度萧山区双随机抽查' }).click();
      await page.getByTestId('drawn').locator('tbody tr a').first().click();
      await page.waitForURL(/\/console\/enterprises\//);
      await page.getByTestId('score').waitFor();
      await page.getByTestId('records').waitFor();

      // The inspectors, read-only for a regulator, with their declared conflicts.
      await nav.getByRole('link', { name: '检查人员' }).click();
      await page.getByTestId('inspectors').waitFor();
      await page.getByText('检查人员及回避声明由管理员维护，此处仅可查看。').waitFor();
      expect(await page.getByRole('button', { name: '新增', exact: true }).count()).toBe(0);
      expect(await page.getByTestId('inspectors').locator('tbody tr').count()).toBe(3);
      await page.getByRole('button', { name: '回避声明 · 王建国' }).click();
      await page.getByTestId(`conflicts-${seededInspector}`).getByText(population[0]).waitFor();
      expect(await page.getByRole('button', { name: '声明回避' }).count()).toBe(0);
      await look(page, 'inspectors-regulator');
      await axeClean(page, 'inspectors-regulator');
    });

    it('an admin adds an inspector and a conflict, and filters the audit trail', async () => {
      const page = await newPage();
      await signIn(page, 'admin-pages');
      const nav = page.getByRole('navigation', { name: 'main' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(
        expect.arrayContaining(['检查人员', '审计日志', '数据导入', '录入记录']),
      );
      expect(await nav.getByRole('link', { name: '抽查计划' }).count()).toBe(0);

      await nav.getByRole('link', { name: '检查人员' }).click();
      await page.getByRole('heading', { name: '新增检查人员' }).waitFor();
      await page.getByRole('button', { name: '新增', exact: true }).click();
      await page.getByText('此项必填。').waitFor();
      await page.getByLabel('姓名').fill('赵检查');
      await page.getByLabel('所属辖区（行政区划代码）').fill(REGION);
      await page.getByRole('button', { name: '新增', exact: true }).click();
      await page.getByTestId('inspector-added').waitFor();
      const row = page.getByTestId('inspectors').locator('tr', { hasText: '赵检查' });
      await row.waitFor();
      const id = Number(await row.getAttribute('data-inspector'));
      await page.getByRole('button', { name: '回避声明 · 赵检查' }).click();
      const box = page.getByTestId(`conflicts-${id}`);
      await box.getByText('未声明回避。').waitFor();
      await box.getByLabel('回避企业的统一社会信用代码').fill(population[1].toLowerCase());
      await box.getByLabel('回避理由').fill('曾在该企业任职');
      await box.getByRole('button', { name: '声明回避' }).click();
      await box.getByText('已登记回避声明。').waitFor();
      await box.getByText(population[1]).waitFor();
      const conflicts = await get(`/inspectors/${id}/conflicts`, admin);
      expect(conflicts.items.map((c: { uscc: string }) => c.uscc)).toEqual([population[1]]);
      // The same again: the API's 409 in words.
      await box.getByLabel('回避企业的统一社会信用代码').fill(population[1]);
      await box.getByLabel('回避理由').fill('曾在该企业任职');
      await box.getByRole('button', { name: '声明回避' }).click();
      await box.getByText('该人员已对此企业声明回避。').waitFor();
      await look(page, 'inspectors-admin');
      await axeClean(page, 'inspectors-admin');

      // The audit trail: by actor, then by enterprise, then by period.
      await nav.getByRole('link', { name: '审计日志' }).click();
      await page.getByTestId('audit').waitFor();
      await page.getByLabel('办理人（账号）').fill('reg-pages');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL(/actor=reg-pages/);
      await page.getByTestId('audit').locator('tr[data-action="inspection-plan.verify"]').waitFor();
      const expected = await get('/audit?actor=reg-pages&pageSize=50', admin);
      const actions = await page
        .getByTestId('audit')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
      expect(actions).toEqual(expected.items.map((e: { action: string }) => e.action));
      expect(actions).toEqual(
        expect.arrayContaining(['inspection-plan.create', 'inspection-plan.export', 'risk.read']),
      );
      expect(await page.getByTestId('total-audit').textContent()).toContain(
        `共 ${expected.total} 条`,
      );
      await page.getByText('生成抽查计划').first().waitFor();
      await look(page, 'audit');
      await axeClean(page, 'audit');

      const read = expected.items.find((e: { action: string }) => e.action === 'risk.read');
      await page.getByLabel('办理人（账号）').fill('');
      await page.getByLabel('企业（统一社会信用代码）').fill(read.uscc);
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL(new RegExp(`uscc=${read.uscc}`));
      await page.getByTestId('audit').locator('tr[data-action="risk.read"]').first().waitFor();
      const usccs = await page
        .getByTestId('audit')
        .locator('tbody tr td:nth-child(6)')
        .allTextContents();
      expect(new Set(usccs)).toEqual(new Set([read.uscc]));

      // Beijing days: the 15th holds these entries, the 14th none.
      await page.getByLabel('起始日期').fill('2026-06-15');
      await page.getByLabel('截止日期').fill('2026-06-15');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL(/to=2026-06-15/);
      await page.getByTestId('audit').locator('tr[data-action="risk.read"]').first().waitFor();
      await page.getByLabel('截止日期').fill('2026-06-14');
      await page.getByLabel('起始日期').fill('2026-06-01');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.getByText('没有符合条件的日志。').waitFor();
      expect(await page.getByTestId('total-audit').textContent()).toContain('共 0 条');
    });

    it('an admin uploads an import with progress and sees its rejected line', async () => {
      const page = await newPage();
      await signIn(page, 'admin-pages');
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: '数据导入' })
        .click();
      await page.getByRole('heading', { name: '数据导入', level: 1 }).waitFor();
      await page.getByRole('button', { name: '上传并导入' }).click();
      await page.getByText('请先选择文件。').waitFor();

      const fresh = newUscc(REGION);
      const file = [
        JSON.stringify({
          type: 'enterprise',
          uscc: fresh,
          enterprise: enterpriseBody({ name: '萧山导入测试有限公司', regionCode: REGION }),
        }),
        JSON.stringify({
          type: 'record',
          uscc: fresh,
          record: { kind: 'HONOR', occurredOn: '2026-01-10' },
        }),
        JSON.stringify({
          type: 'record',
          uscc: fresh,
          record: { kind: 'HONOR', occurredOn: '2026-01-10', title: '守合同重信用' },
        }),
      ].join('\n');
      await page.getByLabel('NDJSON 文件').setInputFiles({
        name: 'pages-import.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(`${file}\n`),
      });
      await page.getByRole('button', { name: '上传并导入' }).click();
      await page.waitForURL(/\/console\/imports\?id=\d+/);
      expect(await page.getByTestId('upload-progress').getAttribute('value')).toBe('1');
      await page.locator('[data-testid="import-status"][data-status="completed"]').waitFor({
        timeout: 30_000,
      });
      const id = Number(new URL(page.url()).searchParams.get('id'));
      const imp = await get(`/imports/${id}`, admin);
      expect([imp.accepted, imp.rejected]).toEqual([2, 1]);
      const count = (k: string) =>
        page.getByTestId('import-counts').locator(`[data-count="${k}"] dd`).textContent();
      expect(await count('accepted')).toBe('2');
      expect(await count('rejected')).toBe('1');
      const rejection = page.getByTestId('rejections').locator('tbody tr');
      await rejection.first().waitFor();
      expect(await rejection.count()).toBe(1);
      expect(await rejection.first().locator('td').first().textContent()).toBe('2');
      expect(await rejection.first().textContent()).toContain('title');
      expect(await page.getByTestId('total-rejections').textContent()).toContain('共 1 条');
      await look(page, 'imports');
      await axeClean(page, 'imports');
    });

    it('an admin enters records: refused at the fields by the page and by the API, then saved', async () => {
      const page = await newPage();
      await signIn(page, 'admin-pages');
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: '录入记录' })
        .click();
      await page.getByRole('heading', { name: '录入信用记录' }).waitFor();
      const target = population[11];

      // Nothing filled: each required field of a penalty says so.
      await page.getByRole('button', { name: '保存记录' }).click();
      await page.getByText('请填写 18 位统一社会信用代码。').waitFor();
      for (const label of [
        '处罚决定日期',
        '违法情节',
        '罚没金额（元）',
        '违法行为类型',
        '决定书文号',
      ]) {
        expect([label, await page.getByLabel(label).getAttribute('aria-invalid')]).toEqual([
          label,
          'true',
        ]);
      }
      await look(page, 'record-entry-required');
      await axeClean(page, 'record-entry-required');

      // What only the server checks: an amount with 15 digits before the point, said at the field.
      await page.getByLabel('企业（统一社会信用代码）').fill(target);
      await page.getByLabel('处罚决定日期').fill('2026-05-20');
      await page.getByLabel('违法情节').selectOption('MODERATE');
      await page.getByLabel('罚没金额（元）').fill('123456789012345.00');
      await page.getByLabel('违法行为类型').fill('未按规定公示年报');
      await page.getByLabel('决定书文号').fill('萧市监处罚〔2026〕21号');
      await page.getByRole('button', { name: '保存记录' }).click();
      await page.locator('#rec-amount-error').getByText('at most 14 digits').waitFor();
      expect(await page.getByLabel('罚没金额（元）').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('alert').filter({ hasText: 'amount' }).count()).toBeGreaterThan(
        0,
      );
      await look(page, 'record-entry-server-error');
      await axeClean(page, 'record-entry-server-error');

      await page.getByLabel('罚没金额（元）').fill('20000.50');
      await page.getByLabel('所属领域').selectOption('FOOD');
      await page.getByRole('button', { name: '保存记录' }).click();
      await page.getByTestId('record-saved').waitFor();
      const records = await get(`/enterprises/${target}/records`, admin);
      const saved = records.items.find((r: { kind: string }) => r.kind === 'PENALTY');
      expect(saved).toMatchObject({
        amount: '20000.50',
        severity: 'MODERATE',
        documentNo: '萧市监处罚〔2026〕21号',
      });

      // Another kind, other fields: a tax rating asks for a year and a rating, in English.
      await page.getByRole('button', { name: '语言' }).click();
      await page.getByRole('heading', { name: 'Enter a credit record' }).waitFor();
      await page.getByLabel('Kind of record').selectOption('TAX_RATING');
      expect(await page.getByLabel('Amount (CNY)').count()).toBe(0);
      await page.getByLabel('Rated on').fill('2026-04-01');
      await page.getByLabel('Year').fill('1979');
      await page.getByRole('button', { name: 'Save the record' }).click();
      await page.getByText('Enter a year from 1980 to 2100.').waitFor();
      await page.getByText('Required.').waitFor();
      await look(page, 'record-entry-en');
      await axeClean(page, 'record-entry-en');
      await page.getByLabel('Year').fill('2025');
      await page.getByLabel('Tax credit rating').selectOption('A');
      await page.getByRole('button', { name: 'Save the record' }).click();
      await page.getByTestId('record-saved').waitFor();
      const after = await get(`/enterprises/${target}/records`, admin);
      expect(after.items.find((r: { kind: string }) => r.kind === 'TAX_RATING')).toMatchObject({
        year: 2025,
        rating: 'A',
      });
    });
  },
);
