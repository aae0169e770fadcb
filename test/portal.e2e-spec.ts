import AxeBuilder from '@axe-core/playwright';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import {
  ARTIFACTS,
  ensureConsoleBuilt,
  launchChromium,
  signInThroughProvider,
  writeIdentityDir,
} from './support/browser';
import { newUscc } from './support/fixtures';
import { freePort } from './support/free-port';
import { repairKit } from './support/repair-kit';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue 15: the enterprise portal in Debian's Chromium against the real API,
 * signed in through the embedded provider's page. Phones first (375 px) and
 * desk (1280 px); axe-core on every portal page; no risk data in any response.
 */
const PASSWORD = 'portal-test-password';
const PHONE = { width: 375, height: 740 };
const DESK = { width: 1280, height: 800 };
const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label} ${randomUUID()}\n%%EOF\n`);
/** Risk data an enterprise must never receive: as JSON keys in any API response. */
const RISK_KEYS = /"(tier|score|factors|measures)"\s*:/;

describe('enterprise portal in Chromium (real API, MySQL, Redis)', { timeout: 180_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let identityDir: string;
  const files = mkdtempSync(join(tmpdir(), 'crs-portal-files-'));
  const contexts: BrowserContext[] = [];
  const [own, other] = [newUscc('330106'), newUscc('330106')];
  const records: Record<string, number> = {};

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    process.env.PUBLIC_URL = base;
    identityDir = await writeIdentityDir(
      [
        {
          username: `ent-${own}`,
          name: '杭州西湖门户测试有限公司 经办人',
          role: 'enterprise',
          uscc: own,
        },
        { username: `ent-${other}`, name: '另一家企业 经办人', role: 'enterprise', uscc: other },
        {
          username: 'reg-portal',
          name: '西湖区市场监督管理局 许诺',
          role: 'regulator',
          region: '330106',
        },
      ],
      PASSWORD,
    );
    process.env.IDP_CONFIG_DIR = identityDir;
    t = await createTestApp();
    await t.app.listen(port, '127.0.0.1');
    await t.putEnterprise(own, { name: '杭州西湖门户测试有限公司' });
    await t.putEnterprise(other, { name: '另一家企业有限公司' });
    const penalty = (severity: string, occurredOn: string, violationType: string, no: string) => ({
      kind: 'PENALTY',
      occurredOn,
      severity,
      amount: '5000.00',
      violationType,
      documentNo: `杭西市监处罚〔2026〕${no}号`,
    });
    // As of 2026-06-15 (TEST_NOW): the minor one is never repaired, the February one may be,
    // the June one only once its minimum publicity period has passed.
    records.minor = (await t.addRecord(own, penalty('MINOR', '2026-05-01', '标签不规范', '31'))).id;
    records.moderate = (
      await t.addRecord(own, penalty('MODERATE', '2026-02-15', '虚假宣传', '32'))
    ).id;
    records.recent = (
      await t.addRecord(own, penalty('MODERATE', '2026-06-01', '价格违法', '33'))
    ).id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    rmSync(identityDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
    delete process.env.PUBLIC_URL;
    delete process.env.IDP_CONFIG_DIR;
  });

  async function newPage(viewport = PHONE): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      locale: 'zh-CN',
      hasTouch: viewport === PHONE,
    });
    contexts.push(context);
    return context.newPage();
  }

  const signIn = (page: Page, account: string) =>
    signInThroughProvider(page, `${base}/console/`, account, PASSWORD);

  /** Screenshots at 375 and 1280 px, and the page may not scroll sideways at 375. */
  async function look(page: Page, name: string) {
    for (const vp of [PHONE, DESK]) {
      await page.setViewportSize(vp);
      await page.waitForTimeout(150);
      if (vp === PHONE) {
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        expect([name, width]).toEqual([name, 375]);
        // Touch targets of at least 44 px: buttons, button-links, the menu, selects.
        const small = (await page.evaluate(`[...document.querySelectorAll(
          'button, a.button, label.button, nav a, select, label.check')]
          .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
          .map((e) => e.outerHTML.slice(0, 80))`)) as string[];
        expect([name, small]).toEqual([name, []]);
      }
      await page.screenshot({
        path: join(ARTIFACTS, `portal-${name}-${vp.width}.png`),
        fullPage: true,
      });
    }
    await page.setViewportSize(PHONE);
  }

  async function axeClean(page: Page, name: string) {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect([name, bad]).toEqual([name, []]);
  }

  it('an enterprise sees its records, applies for repair with three PDFs, and sees it repaired', async () => {
    const page = await newPage();
    const bodies: string[] = [];
    const scripts: string[] = [];
    page.on('response', (r: Response) => {
      const path = new URL(r.url()).pathname;
      const into = path.startsWith('/api/') ? bodies : path.endsWith('.js') ? scripts : null;
      if (into) {
        void r.text().then(
          (b) => into.push(`${r.url()} ${b}`),
          () => undefined,
        );
      }
    });
    await signIn(page, `ent-${own}`);
    // Its own home, its own menu: no overview, no 403.
    await page.waitForURL(`${base}/console/my/records`);
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      '我的信用记录',
      '我的申请',
    ]);
    const minor = page.getByTestId(`record-${records.minor}`);
    await minor.getByTestId('not-eligible').waitFor();
    expect(await minor.textContent()).toContain('轻微违法行为的行政处罚信息不予公示期满前修复');
    // …and when it stops being published by itself: 3 months for a minor penalty.
    expect(await minor.getByTestId('public-until').textContent()).toBe('2026-08-01');
    const recent = page.getByTestId(`record-${records.recent}`);
    await recent.getByTestId('eligible-from').waitFor();
    expect(await recent.getByTestId('eligible-from').textContent()).toMatch(
      /可于以下日期起申请信用修复：\s*2026-\d\d-\d\d/,
    );
    const moderate = page.getByTestId(`record-${records.moderate}`);
    await moderate.getByTestId('eligible').waitFor();
    expect(await page.locator('.note.error').count()).toBe(0);
    await look(page, 'records');
    await axeClean(page, 'records');
    // In English too: words change, the page still fits a phone.
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('heading', { name: 'My credit records' }).waitFor();
    expect(await minor.textContent()).toContain('Minor penalties are not repaired');
    await look(page, 'records-en');
    await axeClean(page, 'records-en');
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('heading', { name: '我的信用记录' }).waitFor();

    await moderate.getByRole('link', { name: '申请信用修复' }).click();
    await page.getByRole('heading', { name: '申请信用修复' }).waitFor();
    // Nothing filled in: each missing field is said at the field.
    await page.getByRole('button', { name: '下一步：核对' }).click();
    await page.getByText('请填写申请理由。').waitFor();
    await page
      .getByRole('textbox', { name: '申请理由' })
      .fill('罚款已缴清，虚假宣传内容已全部下架整改。');
    await page.getByRole('button', { name: '下一步：核对' }).click();
    await page.getByText('请阅读并勾选守信承诺。').waitFor();
    expect(await page.getByTestId('commitment-text').textContent()).toContain('本企业郑重承诺');
    await page.getByLabel('我已阅读并作出以上承诺').check();

    // An oversized file is refused before upload; an EXE named .pdf by the server.
    const big = join(files, '太大的文件.pdf');
    writeFileSync(big, Buffer.concat([pdf('big'), Buffer.alloc(11 * 1024 * 1024, 0x20)]));
    const exe = join(files, 'setup.pdf');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2048, 0x90)]));
    await page.getByLabel('选择文件').setInputFiles([big]);
    expect(await page.getByTestId('file-problems').textContent()).toContain(
      '文件超过 10 MB，未上传： 太大的文件.pdf',
    );
    await page.getByLabel('选择文件').setInputFiles([exe]);
    await page
      .locator('[data-testid=material]', { hasText: 'setup.pdf' })
      .getByRole('alert')
      .waitFor();
    expect(
      await page
        .locator('[data-testid=material]', { hasText: 'setup.pdf' })
        .getByRole('alert')
        .textContent(),
    ).toContain('上传失败');
    await page
      .locator('[data-testid=material]', { hasText: 'setup.pdf' })
      .getByRole('button', { name: '移除' })
      .click();

    const contents = ['申请书', '承诺书', '整改证明'].map((label) => {
      const path = join(files, `${label}.pdf`);
      const content = pdf(label);
      writeFileSync(path, content);
      return { path, content };
    });
    await page.getByLabel('选择文件').setInputFiles(contents.map((c) => c.path));
    const shown = page.getByTestId('sha256');
    await expect.poll(() => shown.count(), { timeout: 15_000 }).toBe(3);
    expect((await shown.allTextContents()).sort()).toEqual(
      contents.map((c) => sha256Of(c.content)).sort(),
    );
    for (const bar of await page.locator('[data-testid=material] progress').all()) {
      expect(await bar.getAttribute('value')).toBe('1');
    }
    expect(await page.getByTestId('materials-status').textContent()).toContain('已上传');
    await look(page, 'apply');
    await axeClean(page, 'apply');

    await page.getByRole('button', { name: '下一步：核对' }).click();
    await page.getByRole('heading', { name: '核对并提交' }).waitFor();
    await look(page, 'review');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByTestId('submitted').waitFor();
    const acceptBy = await page.getByTestId('accept-by').textContent();
    await look(page, 'submitted');
    await page.getByRole('link', { name: '查看申请' }).click();
    await page.getByTestId('timeline').waitFor();
    const appId = Number(page.url().split('/').pop());
    expect(await page.getByTestId('deadline').textContent()).toBe(acceptBy);
    // The enterprise may withdraw, never 受理 or 批准.
    expect(await page.getByRole('button', { name: '撤回申请' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /受理|批准/ }).count()).toBe(0);
    await look(page, 'application');
    await axeClean(page, 'application');

    // A regulator accepts and approves it in the console.
    const desk = await newPage(DESK);
    await signIn(desk, 'reg-portal');
    await desk.goto(`${base}/console/repairs/${appId}`);
    expect(await desk.getByRole('button', { name: '撤回' }).count()).toBe(0);
    await desk.getByRole('button', { name: '受理', exact: true }).click();
    await desk.getByTestId('decided').waitFor();
    await desk.getByRole('button', { name: '批准修复' }).click();
    await desk.getByTestId('confirm').getByRole('button', { name: '确认' }).click();
    await desk.getByText('记录已标记为“已修复”').waitFor();

    await page.reload();
    await expect
      .poll(() => page.getByTestId('app-status').getAttribute('data-value'))
      .toBe('APPROVED');
    expect(await page.getByTestId('app-status').textContent()).toBe('已修复');
    await page.getByRole('link', { name: '我的信用记录' }).click();
    await expect
      .poll(() =>
        page.getByTestId(`record-${records.moderate}`).getByTestId('record-status').textContent(),
      )
      .toBe('已修复');
    await look(page, 'records-after');

    // No risk data reached the enterprise in any API response of the session.
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.filter((b) => RISK_KEYS.test(b))).toEqual([]);
    // Nor in the code it downloaded: the words for tiers live in the regulators' chunk only.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((js) => /信用风险(低|一般|较高|高)|['"]tier\.A['"]/.test(js))).toEqual(
      [],
    );

    // Another enterprise gets 404 for this application, in words.
    const stranger = await newPage();
    await signIn(stranger, `ent-${other}`);
    await stranger.goto(`${base}/console/my/applications/${appId}`);
    await stranger.getByTestId('not-found').waitFor();
    expect(await stranger.getByTestId('not-found').textContent()).toBe('没有找到该申请。');
    await axeClean(stranger, 'not-found');
  });

  it('补正: the regulator asks once for a missing material, the enterprise supplies it on a phone', async () => {
    // Only the enterprise's own steps are taken through the API here.
    const kit = repairKit(
      () => t,
      () => ({ admin: '', regulator: '' }),
    );
    const listing = await t.addRecord(other, {
      kind: 'ABNORMAL_LISTING',
      occurredOn: '2026-05-01',
      reason: '通过登记的住所无法联系',
    });
    const token = await kit.enterpriseToken(other);
    const app = await kit.applyFor(token, listing.id);

    const desk = await newPage(DESK);
    await signIn(desk, 'reg-portal');
    await desk.goto(`${base}/console/repairs/${app.id}`);
    // Asking without naming a material is refused at the form.
    await desk.getByRole('button', { name: '一次性告知补正' }).click();
    await desk.getByText('请勾选需要补正的材料。').waitFor();
    await desk.getByLabel('履行义务及整改证明').check();
    await desk
      .getByLabel('理由（不予受理、不予修复、撤销时必填）')
      .fill('请补充住所租赁合同及可联系的证明。');
    await desk.getByRole('button', { name: '一次性告知补正' }).click();
    await desk.getByTestId('decided').waitFor();
    expect(await desk.getByTestId('materials-requested').textContent()).toBe('履行义务及整改证明');
    // Once only: the action is gone.
    expect(await desk.getByRole('button', { name: '一次性告知补正' }).count()).toBe(0);
    expect(await desk.getByTestId('no-actions').textContent()).toBe(
      '已一次性告知补正，等待企业提交补正材料；补正期限：2026-06-30',
    );
    await axeClean(desk, 'request-materials');
    await desk.screenshot({
      path: join(ARTIFACTS, 'portal-request-materials-1280.png'),
      fullPage: true,
    });

    const page = await newPage();
    await signIn(page, `ent-${other}`);
    await page.goto(`${base}/console/my/applications/${app.id}`);
    await page.getByTestId('supply').waitFor();
    expect(await page.getByTestId('app-status').textContent()).toBe('待补正');
    expect(await page.getByTestId('supply').textContent()).toContain(
      '受理期限自补正材料提交之日重新计算',
    );
    await look(page, 'supply');
    await axeClean(page, 'supply');
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('heading', { name: 'Supply the missing materials' }).waitFor();
    await look(page, 'supply-en');
    await axeClean(page, 'supply-en');
    await page.getByRole('button', { name: 'Language' }).click();

    const proof = join(files, '租赁合同.pdf');
    writeFileSync(proof, pdf('lease'));
    await page.getByLabel('上传文件：履行义务及整改证明').setInputFiles([proof]);
    const send = page.getByRole('button', { name: '提交补正材料' });
    await expect.poll(() => send.isEnabled(), { timeout: 15_000 }).toBe(true);
    await send.click();
    await page.getByTestId('supplied').waitFor();
    await expect
      .poll(() => page.getByTestId('app-status').getAttribute('data-value'))
      .toBe('SUBMITTED');
    // Acceptance counted afresh from today (Mon 15 June): 2 working days.
    expect(await page.getByTestId('deadline').textContent()).toBe('2026-06-17');
    await look(page, 'supplied');
  });
});
