import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { WEB_DIST } from './http/web-static.ts';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './modules/demo/seed-demo.ts';

const config = loadConfig();

if (!existsSync(join(WEB_DIST, 'index.html')) && process.env.SKIP_WEB_BUILD !== '1') {
  console.log('Đang dựng giao diện web (lần đầu)… / building the web bundle');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('Không dựng được giao diện web (vite build failed)');
    process.exit(1);
  }
}

const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const applied = await migrateToLatest(db);
const app = await buildApp({
  db,
  config,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
});
if (applied.length > 0) app.log.info({ migrations: applied }, 'migrations applied');

if (!config.production && (await isDatabaseEmpty(db.kysely))) {
  const accounts = await seedDemo(db.kysely);
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
