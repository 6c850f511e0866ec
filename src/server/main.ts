import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDb } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { WEB_DIST } from './http/web-static.ts';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './modules/demo/seed-demo.ts';
import { seedDemoDossiers } from './modules/demo/seed-demo-dossiers.ts';

const config = loadConfig();

if (!existsSync(join(WEB_DIST, 'index.html')) && process.env.SKIP_WEB_BUILD !== '1') {
  console.log('Đang dựng giao diện web (lần đầu)… / building the web bundle');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('Không dựng được giao diện web (vite build failed)');
    process.exit(1);
  }
}

const db = openDb({
  databaseUrl: config.databaseUrl,
  pgSchema: config.databaseSchema,
  dataDir: config.dataDir,
});
const prepared = await prepareDatabase(db);
const app = await buildApp({
  db,
  config,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
});
if (prepared.migrations.length > 0) app.log.info({ migrations: prepared.migrations }, 'migrations applied');
if (prepared.templatesAdded > 0) app.log.info({ added: prepared.templatesAdded }, 'templates stored');
for (const e of prepared.templateErrors) app.log.error(e, 'template file skipped');
for (const t of prepared.templatesNeedingVersion) {
  app.log.warn(
    { template: t },
    'template file changed but its version was not raised; the stored version is kept',
  );
}
if (prepared.proceduresSkipped.length > 0)
  app.log.warn({ skipped: prepared.proceduresSkipped }, 'procedures without a template');

if (!config.production && (await isDatabaseEmpty(db.kysely))) {
  const accounts = await seedDemo(db.kysely);
  await seedDemoDossiers(db.kysely);
  console.log('\nĐã tạo dữ liệu mẫu. Tài khoản dùng thử (mật khẩu chung: %s):', DEMO_PASSWORD);
  for (const a of accounts) console.log(`  ${a.username.padEnd(20)} ${a.role.padEnd(10)} ${a.fullName}`);
  console.log('');
}

await app.listen({ port: config.port, host: config.host });
console.log(`Không Viết đang chạy tại http://localhost:${config.port} (${db.kind})`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}
