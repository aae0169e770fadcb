/**
 * Re-score latency benchmark (issues 3 and 25): how long after a registry write
 * the new tier is visible through the API. Two modes in one run, on distinct
 * A-tier enterprises:
 * - single: one write per enterprise (a serious-dishonesty listing), polled
 *   until the API shows tier D;
 * - burst: `--burst` writes per enterprise 50 ms apart (inspection results,
 *   then the listing last), so the later writes land while the enterprise's
 *   re-score job is queued or running; timed from the last write.
 *
 *   npx nest build && node --require ./bench/register.js bench/rescore/run.ts [--writes 200] [--burst 5]
 */
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AppConfig, USCC_ALPHABET, usccCheckCharacter } from '@app/core';
import { issueAccessToken, SigningKeys, type TokenSubject } from '@app/identity';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { createHttpAdapter } from '../../apps/api/src/http-adapter';
import { benchEnvironment, recreateDatabase } from '../support/bench-db';
import { WorkerFleet } from '../support/bench-workers';

const { values } = parseArgs({
  options: { writes: { type: 'string', default: '200' }, burst: { type: 'string', default: '5' } },
});
/** Enterprises measured in each mode. */
const WRITES = Number(values.writes);
/** Writes per enterprise in burst mode, the last one being the listing. */
const BURST = Number(values.burst);
const BURST_GAP_MS = 50;

function uscc(): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)];
  const first = `91330106${org}`;
  return first + usccCheckCharacter(first);
}

async function main() {
  benchEnvironment('rescore');
  process.env.JWT_SECRET = 'bench-secret-0123456789-0123456789-abcdef';
  // One client polls as fast as it can: the per-caller limit would measure itself.
  process.env.RATE_LIMIT ??= '1000000';
  const config = AppConfig.fromEnvironment();
  const ds = await recreateDatabase(config);
  await ds.destroy();
  const fleet = new WorkerFleet();
  await fleet.start(1, process.env as Record<string, string>);
  const app = await configureApp(
    await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config.env), {
      logger: ['error'],
      bufferLogs: true,
    }),
  );
  await app.listen(0, '127.0.0.1');
  const base = `${await app.getUrl()}/api/v1`.replace('[::1]', '127.0.0.1');
  const keys = app.get(SigningKeys);
  const sign = (s: TokenSubject) => issueAccessToken(config, keys, s);
  const admin = {
    Authorization: `Bearer ${await sign({ sub: 'bench', role: 'admin' })}`,
    'Content-Type': 'application/json',
  };
  const regulator = {
    Authorization: `Bearer ${await sign({ sub: 'bench', role: 'regulator', region: '33' })}`,
  };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  const companies = Array.from({ length: 2 * WRITES }, uscc);
  for (const u of companies) {
    await fetch(`${base}/enterprises/${u}`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({
        name: '杭州测试贸易有限公司',
        regionCode: '330106',
        industryCode: 'F5191',
        type: '有限责任公司',
        registeredCapital: '5000000',
        establishedOn: '2012-01-01',
        status: 'ACTIVE',
      }),
    });
  }
  // Wait until every enterprise has its first assessment.
  for (const u of companies) {
    while ((await fetch(`${base}/enterprises/${u}/risk`, { headers: regulator })).status !== 200)
      await sleep(20);
  }

  const write = async (u: string, body: object) => {
    const res = await fetch(`${base}/enterprises/${u}/records`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`write failed: ${res.status}`);
  };
  /** Writes `writes` records to each enterprise; the time from the last write to tier D. */
  const measure = async (enterprises: string[], writes: number) => {
    const latencies: number[] = [];
    for (const u of enterprises) {
      for (let i = 1; i < writes; i++) {
        await write(u, { kind: 'INSPECTION', occurredOn: today, result: 'PASS' });
        await sleep(BURST_GAP_MS);
      }
      const t0 = performance.now();
      await write(u, {
        kind: 'SERIOUS_DISHONESTY_LISTING',
        occurredOn: today,
        reason: '提交虚假材料',
      });
      for (;;) {
        const r = (await (
          await fetch(`${base}/enterprises/${u}/risk`, { headers: regulator })
        ).json()) as { tier: string };
        if (r.tier === 'D') break;
        await sleep(5);
      }
      latencies.push(performance.now() - t0);
    }
    return latencies.sort((a, b) => a - b);
  };
  const single = await measure(companies.slice(0, WRITES), 1);
  const burst = await measure(companies.slice(WRITES), BURST);

  const p = (l: number[], q: number) => l[Math.min(l.length - 1, Math.ceil(q * l.length) - 1)];
  const row = (name: string, q: number) =>
    `| ${name} | ${p(single, q).toFixed(0)} | ${p(burst, q).toFixed(0)} |`;
  console.log(
    `# re-score latency — ${new Date().toISOString()}, ${WRITES} enterprises per mode, 1 worker`,
  );
  console.log(
    `| last write → tier visible via API (ms) | single write | burst of ${BURST}, ${BURST_GAP_MS} ms apart |\n|---|---|---|`,
  );
  console.log([row('p50', 0.5), row('p95', 0.95), row('p99', 0.99), row('max', 1)].join('\n'));
  console.log(
    `targets: single p95 ≤ 2000 ms — ${p(single, 0.95) <= 2000 ? 'met' : 'MISSED'}; ` +
      `burst p95 ≤ 1000 ms — ${p(burst, 0.95) <= 1000 ? 'met' : 'MISSED'}`,
  );
  await app.close();
  await fleet.stop();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
main().catch((e) => {
  console.error(`benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
