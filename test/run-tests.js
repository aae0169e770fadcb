#!/usr/bin/env node
// Runs every test project (unit, then e2e against the real MariaDB and Redis)
// and ends with one line `N passed, N failed` summing all suites, for CI.
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ensureBrowser } = require('./ensure-browser');
const { ensurePromtool } = require('./ensure-promtool');
const { ensureGalera } = require('./ensure-galera');

// Static checks first: a tree that does not lint or type-check does not pass.
for (const script of ['lint', 'typecheck']) {
  const r = spawnSync('npm', ['run', '-s', script], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm run ${script} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// What the tests need beyond the pre-started MariaDB and Redis, obtained here.
ensureBrowser();
ensurePromtool();
ensureGalera(); // test/cluster.e2e-spec.ts

const out = join(mkdtempSync(join(tmpdir(), 'crs-tests-')), 'results.json');
const vitest = join(__dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const args = [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, [vitest, ...args], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  // A file that fails to load counts as a failure even though no test in it ran.
  const brokenFiles = r.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  failed = r.numFailedTests + brokenFiles;
} catch {
  failed = Math.max(failed, 1);
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
