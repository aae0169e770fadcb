#!/usr/bin/env node
/**
 * Runs `nest build` only when a server source is newer than the built CLI, so
 * `npm run token` and the other CLI scripts answer at once when the build is
 * current (a full build takes ~13 s here).
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'dist/apps/cli/src/main.js');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return /\.(ts|json)$/.test(path) ? s.mtimeMs : 0;
  let max = 0;
  for (const e of readdirSync(path)) {
    if (e === 'node_modules' || e === 'console') continue; // the console has its own build
    max = Math.max(max, newest(join(path, e)));
  }
  return max;
}

const sources = ['apps', 'libs', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const stale =
  !existsSync(BUILT) ||
  Math.max(...sources.map((p) => newest(join(ROOT, p)))) > statSync(BUILT).mtimeMs;
if (stale) execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
