/**
 * Quick throughput sanity check of the engine (the official bench lives in
 * bench/). Run from the repository root:
 *   node --require ./bench/register.js libs/scoring/scripts/throughput.ts
 * Reports profiles per wall second and per CPU second: the machine is shared,
 * and CPU time is the steadier figure there.
 */
import fc from 'fast-check';
import { evaluate } from '../src/evaluate';
import { scenarioArb } from '../src/testing/arbitraries';
import { V1 } from '../src/testing/fixtures';

const profiles = fc
  .sample(scenarioArb, { numRuns: 20_000, seed: 42 })
  .map((s) => s.profile)
  .filter((p) => p.status !== 'CANCELLED' && p.records.length <= 5)
  .slice(0, 10_000);
const asOf = '2026-03-01';
const records = profiles.reduce((n, p) => n + p.records.length, 0) / profiles.length;
console.log(`${profiles.length} profiles, ${records.toFixed(2)} records each on average`);

let sink = 0;
for (let round = 0; round < 5; round++) {
  const n = 1_000_000;
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) sink += evaluate(profiles[i % profiles.length], V1, asOf)?.score ?? 0;
  const wallSeconds = Number(process.hrtime.bigint() - wall) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `round ${round}: ${Math.round(n / wallSeconds).toLocaleString('en')} profiles/s wall, ` +
      `${Math.round(n / cpuSeconds).toLocaleString('en')} per CPU second`,
  );
}
if (sink === 0) console.log('(no scores?)');
