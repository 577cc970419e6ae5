#!/usr/bin/env node
// `npm test`: the whole suite — unit and API tests (vitest), then browser journeys in Debian's
// Chromium. Installs the machine packages the journeys need when run as root, or says how.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function ensureMachinePackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync(CJK_FONT)) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Missing ${missing.join(', ')}: run  sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk  and then npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { env });
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function vitest(configArgs, reportFile) {
  const bin = path.resolve('node_modules/.bin/vitest');
  const status = run(bin, ['run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], {
    env: { ...process.env, TZ: 'UTC' },
  });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    passed = report.numPassedTests ?? 0;
    failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
    skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  } else if (status !== 0) {
    failed = 1;
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { status, passed, failed, skipped };
}

ensureMachinePackages();
const reports = mkdtempSync(path.join(tmpdir(), 'innotown-test-'));
const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`\n▶ unit and API tests (${engine})`);
const unit = vitest([], path.join(reports, 'unit.json'));

console.log('\n▶ building the web app for the browser journeys');
const build = run('npm', ['run', 'build', '-w', 'apps/web']);
let e2e = { status: 1, passed: 0, failed: 1, skipped: 0 };
if (build === 0) {
  console.log(`\n▶ browser journeys in Chromium (${engine})`);
  e2e = vitest(['--config', 'vitest.e2e.config.ts'], path.join(reports, 'e2e.json'));
}

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
const skipped = unit.skipped + e2e.skipped;
console.log(`\nunit/API: ${unit.passed} passed, ${unit.failed} failed · browser: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(unit.status === 0 && e2e.status === 0 && build === 0 ? 0 : 1);
