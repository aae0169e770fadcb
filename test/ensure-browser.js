// The console's browser tests drive Debian's Chromium (never a downloaded browser
// build). `npm test` obtains it itself, so the README's test command passes on a
// fresh machine of this kind with no step done by hand: when /usr/bin/chromium is
// missing and we may install Debian packages (root with apt-get), it installs
// `chromium` and a CJK font (so the screenshots under test/artifacts/ show Chinese).
// Elsewhere it says what to install; the browser tests then fail with that message.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const PACKAGES = ['chromium', 'fonts-wqy-zenhei'];

function ensureBrowser() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (process.env.CHROMIUM_PATH) {
    console.error(
      `tests: CHROMIUM_PATH=${path} does not exist; the console's browser tests will fail.`,
    );
    return;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `tests: Chromium is missing at ${path} and this user cannot install Debian packages: ` +
        `run \`sudo apt-get install -y ${PACKAGES.join(' ')}\` or set CHROMIUM_PATH.`,
    );
    return;
  }
  console.log(
    `tests: installing Debian's ${PACKAGES.join(' and ')} for the console's browser tests`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...PACKAGES],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`tests: apt-get ${args.join(' ')} failed (exit ${r.status})`);
      return;
    }
  }
}

module.exports = { ensureBrowser };
