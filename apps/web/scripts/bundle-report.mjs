#!/usr/bin/env node
/**
 * Per-route JavaScript weight of the production build: for each route, the entry chunk plus the lazy
 * chunks the route loads, with all their static imports (shared chunks counted once), gzipped.
 * Reads dist/.vite/manifest.json, so run `npx vite build` in apps/web first.
 *
 *   node apps/web/scripts/bundle-report.mjs           # table
 *   node apps/web/scripts/bundle-report.mjs --json    # machine-readable
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const LAYOUT = 'src/app/layout/app-layout.tsx';
/**
 * The lazy modules each route renders on first paint (the entry is always added), and the chunks it
 * loads right after (`deferred`: the echarts charts, imported lazily once the data has arrived).
 */
const ROUTES = {
  'login (/login)': { initial: ['src/features/auth/login-page.tsx'] },
  'home (/)': {
    initial: [LAYOUT, 'src/features/home/home-page.tsx'],
    deferred: ['src/features/home/overview-charts.tsx'],
  },
  'register (/register)': { initial: ['src/features/auth/register-page.tsx'] },
  'towns (/towns)': { initial: [LAYOUT, 'src/features/towns/towns-page.tsx'] },
  'enterprises (/enterprises)': { initial: [LAYOUT, 'src/features/enterprises/enterprises-page.tsx'] },
  'enterprise detail (/enterprises/:id)': {
    initial: [LAYOUT, 'src/features/enterprises/enterprise-detail-page.tsx'],
    deferred: ['src/features/enterprises/figures-chart.tsx'],
  },
  'institutions (/institutions)': { initial: [LAYOUT, 'src/features/institutions/institutions-page.tsx'] },
  'users (/admin/users)': { initial: [LAYOUT, 'src/features/users/users-page.tsx'] },
  'audit (/admin/audit)': { initial: [LAYOUT, 'src/features/audit/audit-page.tsx'] },
  'holidays (/admin/holidays)': { initial: [LAYOUT, 'src/features/holidays/holidays-page.tsx'] },
};

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('no entry in the manifest');

const sizes = new Map();
function gzipSize(file) {
  if (!sizes.has(file)) {
    const bytes = readFileSync(join(dist, file));
    sizes.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes.get(file);
}

/** A chunk and everything it imports statically. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the manifest (was it renamed?)`);
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const jsOf = (files) => [...files].filter((file) => file.endsWith('.js'));
const gzipOf = (files) => jsOf(files).reduce((sum, file) => sum + gzipSize(file).gzip, 0);

const report = Object.entries(ROUTES).map(([route, { initial, deferred = [] }]) => {
  const first = closure(entryKey);
  for (const module of initial) closure(module, first);
  const all = new Set(first);
  for (const module of deferred) closure(module, all);
  return {
    route,
    chunks: jsOf(all).length,
    initialGzipKB: Number(kb(gzipOf(first))),
    totalGzipKB: Number(kb(gzipOf(all))),
  };
});

const entryFiles = jsOf(closure(entryKey));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ entryGzipKB: Number(kb(gzipOf(entryFiles))), routes: report }, null, 2));
} else {
  console.log(`entry (${entryKey} + static imports): ${entryFiles.length} chunks, ${kb(gzipOf(entryFiles))} KB gzip\n`);
  console.log('| route | JS chunks | first paint, gzip KB | with deferred charts, gzip KB |');
  console.log('|---|---:|---:|---:|');
  for (const row of report) {
    const total = row.totalGzipKB === row.initialGzipKB ? '—' : row.totalGzipKB;
    console.log(`| ${row.route} | ${row.chunks} | ${row.initialGzipKB} | ${total} |`);
  }
}
