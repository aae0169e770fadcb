import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { stringify } from 'yaml';
import AxeBuilder from '@axe-core/playwright';
import { hashPassword } from '@app/identity';

export const ROOT = resolve(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test/artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONSOLE_SRC = join(ROOT, 'apps/console');
const CONSOLE_INDEX = join(ROOT, 'dist/console/index.html');

/** Builds the console when dist/console is missing or older than its sources. */
export function ensureConsoleBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  if (existsSync(CONSOLE_INDEX) && statSync(CONSOLE_INDEX).mtimeMs >= newest(CONSOLE_SRC)) return;
  execFileSync('npm', ['run', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
}

/** Debian's Chromium, headless; never downloaded, never skipped (test/ensure-browser.js installs it). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), ` +
        'as `npm test` does when run as root (test/ensure-browser.js).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface TestPerson {
  username: string;
  name: string;
  role: 'admin' | 'regulator' | 'enterprise';
  region?: string;
  uscc?: string;
}

/**
 * An IDP_CONFIG_DIR for a browser test: its people (all with `password`) and
 * the shipped clients, so the real sign-in page signs them in.
 */
export async function writeIdentityDir(people: TestPerson[], password: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'crs-test-identity-'));
  const passwordHash = await hashPassword(password);
  const accounts = people.map((p) => ({ ...p, nameEn: p.name, passwordHash }));
  writeFileSync(join(dir, 'accounts.yaml'), stringify({ accounts }));
  writeFileSync(
    join(dir, 'clients.yaml'),
    readFileSync(join(ROOT, 'config/identity/clients.yaml')),
  );
  return dir;
}

/** Signs in as a person would: 登录, the provider's page, account and password, back signed in. */
export async function signInThroughProvider(
  page: Page,
  url: string,
  account: string,
  password: string,
): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出' }).waitFor();
}

export type Viewport = { width: number; height: number };

/**
 * Looks at an admin page as its users would, at each width: it does not
 * scroll sideways, every control of the content is at least 44 px high, and a
 * full-page screenshot `test/artifacts/<prefix>-<name>-<width>.png` is kept.
 */
export async function lookAt(
  page: Page,
  name: string,
  { prefix, viewports }: { prefix: string; viewports: Viewport[] },
): Promise<void> {
  for (const vp of viewports) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(150);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect([name, vp.width, width]).toEqual([name, vp.width, vp.width]);
    const small = (await page.evaluate(`[...document.querySelectorAll(
      '.admin-page button, .admin-page select, .admin-page input:not([type=checkbox]), .admin-page label.check')]
      .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML.slice(0, 80))`)) as string[];
    expect([name, small]).toEqual([name, []]);
    await page.screenshot({
      path: join(ARTIFACTS, `${prefix}-${name}-${vp.width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(viewports[0]);
}

/** axe-core on the page as it stands: no serious or critical violation. */
export async function axeClean(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect([name, bad]).toEqual([name, []]);
}
