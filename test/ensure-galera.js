// The Galera provider (`libgalera_smm.so`, Debian's `galera-4`) and `rsync` (its state
// transfer) for test/support/local-cluster.ts. When they are not installed, the packages are
// fetched with `apt-get download` (no root needed, nothing installed) and unpacked into a cache
// directory of this user, as test/ensure-promtool.js does for promtool. The cluster's servers
// themselves are the machine's `mariadb-server` and `redis-server`.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, cpSync } = require('node:fs');
const { homedir, tmpdir } = require('node:os');
const { join } = require('node:path');

const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'crs-tests', 'galera');
const INSTALLED = { provider: '/usr/lib/galera/libgalera_smm.so', rsync: '/usr/bin/rsync' };

function unpack(pkg, into) {
  const dir = mkdtempSync(join(tmpdir(), `crs-${pkg}-`));
  try {
    const download = () =>
      spawnSync('apt-get', ['download', '-qq', pkg], { cwd: dir, encoding: 'utf8' });
    let r = download();
    if (r.status !== 0 && process.getuid?.() === 0) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      r = download();
    }
    const deb = readdirSync(dir).find((f) => f.endsWith('.deb'));
    if (r.status !== 0 || !deb) throw new Error(`apt-get download ${pkg} failed: ${r.stderr}`);
    const x = spawnSync('dpkg-deb', ['-x', join(dir, deb), join(dir, 'x')], { encoding: 'utf8' });
    if (x.status !== 0) throw new Error(`dpkg-deb could not unpack ${deb}: ${x.stderr}`);
    mkdirSync(into, { recursive: true });
    cpSync(join(dir, 'x'), into, { recursive: true, verbatimSymlinks: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `{ provider, binDir }`: the Galera library to load, and a folder to put first on PATH (or undefined). */
function ensureGalera() {
  const cached = {
    provider: join(CACHE, 'usr/lib/libgalera_smm.so'),
    rsync: join(CACHE, 'usr/bin/rsync'),
  };
  let provider = existsSync(INSTALLED.provider) ? INSTALLED.provider : undefined;
  if (!provider) {
    if (!existsSync(cached.provider)) unpack('galera-4', CACHE);
    provider = cached.provider;
  }
  let binDir;
  if (!existsSync(INSTALLED.rsync)) {
    if (!existsSync(cached.rsync)) unpack('rsync', CACHE);
    binDir = join(CACHE, 'usr/bin');
  }
  return { provider, binDir };
}

module.exports = { ensureGalera };
