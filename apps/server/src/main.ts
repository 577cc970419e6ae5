import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { seedDemoData } from './db/seed.ts';
import { ensureCatalogue } from './modules/targets/targets.repository.ts';
import { openDatabase } from './platform/db.ts';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax });
  await database.migrate();
  // Reference data every installation needs (the plan's indicator catalogue); never overwrites edits.
  await ensureCatalogue(database.db);
  const app = await buildApp({ config, database });
  if (config.seedDemo) {
    const seeded = await seedDemoData(database.db);
    if (seeded) {
      app.log.warn(
        { seeded },
        'Seeded DEMO data with demo accounts (admin, guzhen, xiaolan, provider, enterprise, expert, bank; password InnoTown#2026; two-factor sign-in not required). Demo only: set SEED_DEMO=false in production.',
      );
    }
  }
  const { startBackgroundWork } = await import('./background.ts');
  const background = startBackgroundWork(app);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    try {
      await background.stop();
      // close() stops accepting and waits for in-flight requests; keep-alive connections that
      // fall idle once their request is answered are closed too, or they would hold the exit.
      const closed = app.close();
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      await closed;
      clearInterval(sweep);
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `InnoTown on http://localhost:${config.port} (database: ${database.kind}${database.kind === 'pglite' ? `, ${config.dataDir}` : ''})`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
