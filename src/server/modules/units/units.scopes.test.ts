import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

describe.each(DB_KINDS)('units, counters and users are scoped to the caller (%s)', (kind) => {
  let t: TestCase;
  let tanDuong: ApiClient;
  let admin: ApiClient;
  let saDec: { id: number };
  let saDecCounter: { id: number };
  let saDecUser: { id: number };
  beforeAll(async () => {
    t = await setupTestCase(kind);
    tanDuong = await t.as('tiepnhan.tanduong');
    admin = await t.as('quantri');
    const units = (await admin.get('/api/units')).body as { id: number; name: string }[];
    saDec = units.find((u) => u.name.includes('Sa Đéc'))!;
    saDecCounter = (await admin.get(`/api/units/${saDec.id}/counters`)).body[0];
    saDecUser = ((await admin.get('/api/users')).body as { id: number; username: string }[]).find(
      (u) => u.username === 'tiepnhan',
    )!;
  });
  afterAll(() => t.close());

  it("lists only the officer's own unit", async () => {
    const res = await tanDuong.get('/api/units');
    expect(res.status).toBe(200);
    expect(res.body.map((u: { name: string }) => u.name)).toEqual(['UBND Xã Tân Dương']);
    expect(res.body[0]).toMatchObject({ kind: 'commune', agencyCode: '000.00.30.H18' });
    expect(res.body[0].parentId).toBeTypeOf('number');
  });

  it('answers 404 for another unit, its counters, one of its counters and its users', async () => {
    for (const path of [
      `/api/units/${saDec.id}`,
      `/api/units/${saDec.id}/counters`,
      `/api/counters/${saDecCounter.id}`,
      `/api/users/${saDecUser.id}`,
    ]) {
      const res = await tanDuong.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.message, path).toMatch(/Không tìm thấy/);
    }
    const users = await tanDuong.get('/api/users');
    expect(users.body.map((u: { username: string }) => u.username)).toEqual(['tiepnhan.tanduong']);
  });

  it('shows the admin the whole tree', async () => {
    const res = await admin.get('/api/units');
    expect(res.body).toHaveLength(3);
    const province = res.body.find((u: { kind: string }) => u.kind === 'province');
    expect(res.body.filter((u: { parentId: number }) => u.parentId === province.id)).toHaveLength(2);
  });

  it('lets a leader of a parent unit see the units below it', async () => {
    const province = (await admin.get('/api/units')).body.find(
      (u: { kind: string }) => u.kind === 'province',
    );
    const created = await admin.post('/api/users', {
      username: 'lanhdao.tinh',
      fullName: 'Lãnh Đạo Tỉnh',
      password: 'matkhau123',
      role: 'leader',
      unitIds: [province.id],
    });
    expect(created.status).toBe(201);
    const leader = await t.as('lanhdao.tinh', 'matkhau123');
    expect((await leader.get('/api/units')).body).toHaveLength(3);
    expect((await leader.get(`/api/units/${saDec.id}/counters`)).body).toHaveLength(3);
  });

  it('refuses every admin route to every other role with 403', async () => {
    for (const username of ['tiepnhan', 'xuly', 'lanhdao']) {
      const c = await t.as(username);
      const attempts = [
        await c.post('/api/units', { name: 'X', kind: 'commune', agencyCode: '000.00.55.H18', parentId: 1 }),
        await c.patch(`/api/units/${saDec.id}`, { name: 'Đổi tên' }),
        await c.post(`/api/units/${saDec.id}/counters`, { number: 9, name: 'Quầy 9' }),
        await c.patch(`/api/counters/${saDecCounter.id}`, { active: false }),
        await c.post('/api/users', {
          username: 'abc',
          fullName: 'A',
          password: 'matkhau123',
          role: 'admin',
          unitIds: [1],
        }),
        await c.patch(`/api/users/${saDecUser.id}`, { role: 'admin' }),
        await c.delete(`/api/users/${saDecUser.id}`),
      ];
      for (const r of attempts) {
        expect(r.status, username).toBe(403);
        expect(r.body.message).toMatch(/không có quyền/);
      }
    }
    expect((await admin.get(`/api/units/${saDec.id}`)).body.name).toBe('UBND Phường Sa Đéc');
  });

  it('answers 401 without a session', async () => {
    expect((await t.anonymous().get('/api/units')).status).toBe(401);
  });
});

describe.each(DB_KINDS)('administering units and counters (%s)', (kind) => {
  let t: TestCase;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    admin = await t.as('quantri');
  });
  afterAll(() => t.close());

  it('creates a unit under a parent, edits and deactivates it, and logs each step', async () => {
    const created = await admin.post('/api/units', {
      name: 'UBND Xã Tân Khánh Trung',
      kind: 'commune',
      parentId: 1,
      agencyCode: '000.00.31.h18',
      address: 'Ấp Tân Phú',
      phone: '0277 3650 111',
    });
    expect(created.status).toBe(201);
    expect(created.body.agencyCode).toBe('000.00.31.H18');
    const edited = await admin.patch(`/api/units/${created.body.id}`, {
      name: 'UBND Xã Tân Khánh Trung (mới)',
    });
    expect(edited.body.name).toBe('UBND Xã Tân Khánh Trung (mới)');
    const off = await admin.patch(`/api/units/${created.body.id}`, { active: false });
    expect(off.body.active).toBe(false);
    const events = await t.database.db.kysely
      .selectFrom('events')
      .select(['action', 'to_state'])
      .where('entity_type', '=', 'unit')
      .where('entity_id', '=', String(created.body.id))
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'deactivate']);
    expect(events[2]!.to_state).toBe('inactive');
  });

  it('refuses a duplicate agency code with 409 and an unknown parent with 422', async () => {
    const dup = await admin.post('/api/units', {
      name: 'Trùng',
      kind: 'commune',
      parentId: 1,
      agencyCode: '000.00.29.H18',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.field).toBe('agencyCode');
    const orphan = await admin.post('/api/units', {
      name: 'Mồ côi',
      kind: 'commune',
      parentId: 9999,
      agencyCode: '000.00.88.H18',
    });
    expect(orphan.status).toBe(422);
    expect(orphan.body.field).toBe('parentId');
  });

  it('refuses to put a unit under its own descendant', async () => {
    const res = await admin.patch('/api/units/1', { parentId: 2 });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/chính nó/);
  });

  it('answers 422 with the field for a malformed agency code and a missing name', async () => {
    const res = await admin.post('/api/units', { kind: 'commune', agencyCode: 'abc' });
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'agencyCode']));
  });

  it('adds a counter, refuses a duplicate number with 409, deactivates it', async () => {
    const added = await admin.post('/api/units/2/counters', { number: 4, name: 'Quầy số 4 — đất đai' });
    expect(added.status).toBe(201);
    const dup = await admin.post('/api/units/2/counters', { number: 4, name: 'Khác' });
    expect(dup.status).toBe(409);
    expect(dup.body.field).toBe('number');
    const off = await admin.patch(`/api/counters/${added.body.id}`, { active: false });
    expect(off.body.active).toBe(false);
    const list = await admin.get('/api/units/2/counters');
    expect(list.body.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4]);
  });

  it('answers 404 for a counter of an unknown unit', async () => {
    expect((await admin.post('/api/units/4242/counters', { number: 1, name: 'Q' })).status).toBe(404);
  });
});
