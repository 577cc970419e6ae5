import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedDemoData } from '../src/db/seed.ts';
import { createPglite, openDatabase } from '../src/platform/db.ts';

export const TEST_SEED_SCALE = 0.1;

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates and seeds one database for the whole run; every test file then starts from a copy:
 * a PGlite data-dir snapshot, or a PostgreSQL database cloned from a template.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `innotown_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: tplUrl.toString(), poolMax: 2 });
    await database.migrate();
    await seedDemoData(database.db, { scale: TEST_SEED_SCALE });
    await database.close();
    project.provide('postgresTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`).catch(() => {});
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'innotown-test-'));
  const pglite = createPglite();
  const database = await openDatabase({ pglite });
  await database.migrate();
  await seedDemoData(database.db, { scale: TEST_SEED_SCALE });
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'snapshot.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteSnapshot', file);
  project.provide('postgresTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
