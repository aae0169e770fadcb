// `promtool check metrics` (Prometheus' own linter for the text format) checks
// /metrics in test/operations.e2e-spec.ts. It comes from Debian's `prometheus`
// package, never from anywhere else: when no promtool is installed, the package
// is fetched with `apt-get download` (no root needed, nothing installed, no
// server started) and only its promtool binary is unpacked into a cache
// directory of this user. PROMTOOL_PATH names another binary.
const { spawnSync } = require('node:child_process');
const {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} = require('node:fs');
const { homedir, tmpdir } = require('node:os');
const { join } = require('node:path');

const CACHED = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
  'crs-tests',
  'promtool',
);

function onPath() {
  const r = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The promtool to use, obtaining it first if need be; undefined (with a message) when it cannot. */
function ensurePromtool() {
  if (process.env.PROMTOOL_PATH) return process.env.PROMTOOL_PATH;
  const found = onPath() ?? (existsSync(CACHED) ? CACHED : undefined);
  if (found) return found;
  if (!existsSync('/usr/bin/apt-get')) {
    console.error('tests: promtool is missing: install Prometheus (promtool) or set PROMTOOL_PATH');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'crs-promtool-'));
  try {
    const download = () =>
      spawnSync('apt-get', ['download', '-qq', 'prometheus'], { cwd: dir, encoding: 'utf8' });
    let r = download();
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (r.status !== 0 && root) {
      // A fresh machine may have no package lists yet.
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      r = download();
    }
    const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
    if (r.status !== 0 || !deb) {
      console.error(
        `tests: could not download Debian's prometheus package for promtool (${r.stderr.trim()}); ` +
          'install it (`apt-get install prometheus`) or set PROMTOOL_PATH',
      );
      return undefined;
    }
    const x = spawnSync('dpkg-deb', ['-x', join(dir, deb), join(dir, 'x')], { encoding: 'utf8' });
    if (x.status !== 0) {
      console.error(`tests: dpkg-deb could not unpack ${deb}: ${x.stderr}`);
      return undefined;
    }
    mkdirSync(join(CACHED, '..'), { recursive: true });
    copyFileSync(join(dir, 'x', 'usr', 'bin', 'promtool'), CACHED);
    return CACHED;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { ensurePromtool };
