// Installs the browser example's node_modules exactly as package-lock.json
// pins them (npm ci) when they are missing or older than the lock file, and
// does nothing otherwise, so a repeated build neither waits for npm nor needs
// the registry. The Maven build of examples/java runs it before its tests.
//
//   node test/ensure-installed.mjs
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function modified(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

// npm writes node_modules/.package-lock.json at the end of every install.
const installed = modified(join(root, 'node_modules', '.package-lock.json'));
if (installed >= modified(join(root, 'package-lock.json'))) {
  console.log('examples/browser: node_modules is up to date with package-lock.json');
  process.exit(0);
}

console.log('examples/browser: npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
  cwd: root,
  stdio: 'inherit',
  timeout: 300_000,
  // playwright-core never downloads a browser; this only makes sure. The test uses Debian's chromium.
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
if (result.error) {
  console.error(`examples/browser: npm ci failed to run: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
