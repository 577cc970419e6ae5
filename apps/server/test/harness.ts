import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { createPglite, type Database, openDatabase } from '../src/platform/db.ts';
import type { App } from '../src/platform/http/types.ts';

export const DEMO_PASSWORD = 'InnoTown#2026';
export type DemoUsername = 'admin' | 'guzhen' | 'xiaolan' | 'provider' | 'enterprise' | 'expert' | 'bank';

/** A fresh database for one test file: a copy of the migrated, seeded snapshot. */
export async function createTestDatabase(): Promise<Database & { drop: () => Promise<void> }> {
  const template = inject('postgresTemplate');
  const url = process.env.DATABASE_URL;
  if (url && template) {
    const name = `innotown_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Cloning is refused while another clone of the same template runs: retry briefly.
    for (let i = 0; ; i++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        break;
      } catch (err) {
        if (i > 50) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: dbUrl.toString(), poolMax: 20 });
    return {
      ...database,
      drop: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
        await admin.end();
      },
    };
  }
  const snapshot = readFileSync(inject('pgliteSnapshot'));
  const pglite = createPglite({ loadDataDir: new Blob([snapshot]) });
  await pglite.waitReady;
  const database = await openDatabase({ pglite });
  return { ...database, drop: () => database.close() };
}

export type TestApp = {
  app: App;
  database: Database;
  config: Config;
  /** Signs a demo user in and returns the cookie header value. */
  login: (username: DemoUsername | string, password?: string) => Promise<string>;
  /** One API request as a signed-in user (cookie) or anonymously: status and parsed JSON body (null when empty). */
  call: (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    cookie?: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => Promise<ApiAnswer>;
  close: () => Promise<void>;
};
// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers loosely
export type ApiAnswer = { status: number; body: any };

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig(
    { NODE_ENV: 'test', SEED_DEMO: 'false', JOBS_ENABLED: 'false', WEB_DIST_DIR: '/nonexistent' } as NodeJS.ProcessEnv,
    overrides,
  );
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'innotown_session');
    if (!cookie) throw new Error('no session cookie');
    return `innotown_session=${cookie.value}`;
  };
  const call: TestApp['call'] = async (method, url, cookie, payload, headers = {}) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  return {
    app,
    database,
    call,
    config,
    login,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
