import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { seedDemoData } from './db/seed.ts';
import { importCommand } from './modules/patent-import/patent-import.cli.ts';
import { ensureCatalogue } from './modules/targets/targets.repository.ts';
import { createUser } from './modules/users/users.service.ts';
import { systemContext } from './platform/context.ts';
import { openDatabase } from './platform/db.ts';
import { ANONYMOUS } from './platform/policy.ts';

const HELP = `InnoTown command line

  npm run cli -- migrate                         apply database migrations
  npm run cli -- seed [--scale N] [--seed S]     load demo data into an empty database
  npm run cli -- import patents FILE [--format csv|xlsx|xml] [--workers N]
                                                 import a patent file (CSV/Excel/ST.36 XML), all or nothing;
                                                 progress on stderr, a report (xlsx) next to FILE when refused
  npm run cli -- create-admin --username U --display-name NAME
                                                 create a city admin; password from INNOTOWN_ADMIN_PASSWORD
The database is DATABASE_URL when set, else the embedded PGlite in DATA_DIR (./data).`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 4 });
  try {
    switch (command) {
      case 'migrate': {
        await database.migrate();
        await ensureCatalogue(database.db);
        console.log(`migrations applied (${database.kind})`);
        break;
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' } } });
        const scale = Number(values.scale);
        if (!Number.isFinite(scale) || scale <= 0 || scale > 1000) throw new Error('--scale must be a number in (0, 1000]');
        await database.migrate();
        const started = Date.now();
        const summary = await seedDemoData(database.db, { scale, ...(values.seed ? { seed: Number(values.seed) } : {}) });
        if (!summary) console.log('database already has data: nothing seeded (use a fresh DATA_DIR or database)');
        else console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s:`, summary);
        break;
      }
      case 'import': {
        await database.migrate();
        process.exitCode = await importCommand(database.db, rest);
        break;
      }
      case 'create-admin': {
        const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, 'display-name': { type: 'string' } } });
        const password = process.env.INNOTOWN_ADMIN_PASSWORD;
        if (!values.username || !password)
          throw new Error('usage: create-admin --username U [--display-name N] with INNOTOWN_ADMIN_PASSWORD set');
        await database.migrate();
        const user = await createUser(database.db, systemContext({ ...ANONYMOUS, username: 'cli' }), {
          username: values.username,
          password,
          displayName: values['display-name'] ?? values.username,
          role: 'city_admin',
        });
        console.log(`created city admin ${user.username} (${user.id})`);
        break;
      }
      default:
        console.error(`unknown command: ${command}\n\n${HELP}`);
        process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
