import type { Kysely } from 'kysely';
import type { Role } from '../../../core/api/auth.ts';
import type { Database } from '../../db/schema.ts';
import '../procedures/procedures.tables.ts';
import { createCounter, createUnit, isUnitError } from '../units/units.service.ts';
import { createUser, isUserError } from '../users/users.service.ts';

export const DEMO_PASSWORD = 'khongviet';

export interface DemoAccount {
  username: string;
  role: Role;
  unit: string;
  fullName: string;
}

/**
 * Demo agency codes follow the national pattern but are illustrative; a real deployment
 * takes its codes from the province's list.
 */
const UNITS = [
  {
    key: 'province',
    name: 'Tỉnh Đồng Tháp',
    kind: 'province',
    agencyCode: '000.00.00.H18',
    parent: null,
    address: 'Số 12 đường 30/4, Phường Cao Lãnh, Tỉnh Đồng Tháp',
    phone: '0277 3851 000',
  },
  {
    key: 'sadec',
    name: 'UBND Phường Sa Đéc',
    kind: 'commune',
    agencyCode: '000.00.29.H18',
    parent: 'province',
    address: 'Số 1 đường Hùng Vương, Phường Sa Đéc, Tỉnh Đồng Tháp',
    phone: '0277 3861 234',
  },
  {
    key: 'tanduong',
    name: 'UBND Xã Tân Dương',
    kind: 'commune',
    agencyCode: '000.00.30.H18',
    parent: 'province',
    address: 'Ấp Tân Lập, Xã Tân Dương, Tỉnh Đồng Tháp',
    phone: '0277 3641 567',
  },
] as const;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'quantri', role: 'admin', unit: 'province', fullName: 'Trần Minh Quân' },
  { username: 'tiepnhan', role: 'officer', unit: 'sadec', fullName: 'Nguyễn Thị Thu Hà' },
  { username: 'xuly', role: 'processor', unit: 'sadec', fullName: 'Lê Văn Xuân' },
  { username: 'lanhdao', role: 'leader', unit: 'sadec', fullName: 'Phạm Quốc Đạo' },
  { username: 'tiepnhan.tanduong', role: 'officer', unit: 'tanduong', fullName: 'Võ Thị Ngọc Dung' },
];

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const [units, users] = await Promise.all([
    db.selectFrom('units').select('id').limit(1).execute(),
    db.selectFrom('users').select('id').limit(1).execute(),
  ]);
  return units.length === 0 && users.length === 0;
}

/** Creates the demo province, wards and accounts. Returns the accounts made. */
export async function seedDemo(db: Kysely<Database>): Promise<DemoAccount[]> {
  const actor = { userId: null, ip: 'seed' };
  const ids = new Map<string, number>();
  for (const u of UNITS) {
    const created = await createUnit(
      db,
      {
        name: u.name,
        kind: u.kind,
        agencyCode: u.agencyCode,
        parentId: u.parent ? ids.get(u.parent)! : null,
        address: u.address,
        phone: u.phone,
      },
      actor,
    );
    if (isUnitError(created)) throw new Error(`demo unit ${u.key}: ${created.error}`);
    ids.set(u.key, created.id);
    if (u.kind === 'commune') {
      for (const n of [1, 2, 3]) {
        const c = await createCounter(db, created.id, { number: n, name: `Quầy số ${n}` }, actor);
        if (isUnitError(c)) throw new Error(`demo counter: ${c.error}`);
      }
    }
  }
  // Every commune desk of the demo serves every procedure of the catalogue.
  const procedures = await db.selectFrom('procedures').select('id').execute();
  const communes = UNITS.filter((u) => u.kind === 'commune').map((u) => ids.get(u.key)!);
  if (procedures.length > 0) {
    await db
      .insertInto('unit_procedures')
      .values(communes.flatMap((unit_id) => procedures.map((p) => ({ unit_id, procedure_id: p.id }))))
      .execute();
  }
  for (const a of DEMO_ACCOUNTS) {
    const created = await createUser(
      db,
      {
        username: a.username,
        fullName: a.fullName,
        password: DEMO_PASSWORD,
        role: a.role,
        unitIds: [ids.get(a.unit)!],
      },
      { userId: null, ip: 'seed' },
    );
    if (isUserError(created)) throw new Error(`demo account ${a.username}: ${created.error}`);
  }
  return DEMO_ACCOUNTS;
}
