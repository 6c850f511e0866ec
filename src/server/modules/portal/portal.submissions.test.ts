import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

const KHAI_SINH = '1.001193';

describe.each(DB_KINDS)('citizens who write online (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let saDecId: number;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    saDecId = (await officer.get('/api/auth/me')).body.user.unitIds[0];
  });
  afterAll(() => t.close());

  it('lists units and procedures to the public, searchable without diacritics', async () => {
    const units = await t.anonymous().get('/api/public/units');
    expect(units.body.map((u: { name: string }) => u.name)).toContain('UBND Phường Sa Đéc');
    const found = await t.anonymous().get(`/api/public/procedures?unitId=${saDecId}&q=khai%20sinh`);
    expect(found.body.map((p: { code: string }) => p.code)).toContain(KHAI_SINH);
    const tmpl = await t.anonymous().get('/api/public/templates/khai-sinh');
    expect(tmpl.status).toBe(200);
    expect(tmpl.body.samples).toBeUndefined();
  });

  it('validates a submission exactly as the counter does', async () => {
    const values = sampleValues('ho-tich', 'khai-sinh');
    (values as { child: { birthDate: string } }).child.birthDate = '31/02/2025';
    const online = await t
      .anonymous()
      .post('/api/public/submissions', { procedureCode: KHAI_SINH, unitId: saDecId, values, mode: 'online' });
    const desk = await officer.post('/api/dossiers', { procedureCode: KHAI_SINH, values });
    expect(online.status).toBe(422);
    expect(online.body.errors).toEqual(desk.body.errors);
  });

  it('lets a prefill be received once at the desk', async () => {
    const sub = await t.anonymous().post('/api/public/submissions', {
      procedureCode: KHAI_SINH,
      unitId: saDecId,
      values: sampleValues('ho-tich', 'khai-sinh'),
      mode: 'prefill',
    });
    expect(sub.status).toBe(201);
    expect(sub.body.code).toMatch(/^[A-Z2-9]{8}$/);
    const opened = await officer.get(`/api/prefills/${sub.body.code.toLowerCase()}`);
    expect(opened.status).toBe(200);
    expect(opened.body.values.child.fullName).toBe('Trần Minh Khôi');
    const other = await t.as('tiepnhan.tanduong');
    expect((await other.get(`/api/prefills/${sub.body.code}`)).status).toBe(404);
    const first = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: opened.body.values,
      prefillCode: sub.body.code,
    });
    expect(first.status).toBe(201);
    const second = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: opened.body.values,
      prefillCode: sub.body.code,
    });
    expect(second.status).toBe(409);
    expect(second.body.field).toBe('prefillCode');
    const again = await officer.get(`/api/prefills/${sub.body.code}`);
    expect(again.status).toBe(410);
    expect(again.body.message).toContain(first.body.code);
  });

  it('puts an online dossier in state "new"; a refusal\'s reason shows when tracked with the secret', async () => {
    const sub = await t.anonymous().post('/api/public/submissions', {
      procedureCode: KHAI_SINH,
      unitId: saDecId,
      values: sampleValues('ho-tich', 'khai-sinh'),
      mode: 'online',
    });
    expect(sub.status).toBe(201);
    const queue = await officer.get('/api/dossiers?status=new');
    expect(queue.body.map((d: { code: string }) => d.code)).toContain(sub.body.code);
    expect(queue.body.find((d: { code: string }) => d.code === sub.body.code).channel).toBe('online');
    const refused = await officer.post(`/api/dossiers/${sub.body.code}/actions`, {
      action: 'refuse',
      reason: 'Thiếu giấy chứng sinh bản chính',
    });
    expect(refused.body.status).toBe('refused');
    const tracked = await t
      .anonymous()
      .get(`/api/public/dossiers/${sub.body.code}/details?secret=${sub.body.secret}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body.statusLabel).toBe('Không được tiếp nhận');
    expect(tracked.body.reason).toBe('Thiếu giấy chứng sinh bản chính');
    const wrong = await t
      .anonymous()
      .get(`/api/public/dossiers/${sub.body.code}/details?secret=doan-bua-khong-dung`);
    expect(wrong.status).toBe(404);
    expect(JSON.stringify(wrong.body)).not.toContain('Thiếu giấy');
  });

  it('counts the due date of an online dossier from the moment the desk receives it', async () => {
    const sub = await t.anonymous().post('/api/public/submissions', {
      procedureCode: KHAI_SINH,
      unitId: saDecId,
      values: sampleValues('ho-tich', 'khai-sinh'),
      mode: 'online',
    });
    const before = await officer.get(`/api/dossiers/${sub.body.code}`);
    expect(before.body.dueAt).toBeNull();
    const received = await officer.post(`/api/dossiers/${sub.body.code}/actions`, { action: 'receive' });
    expect(received.body.status).toBe('received');
    expect(received.body.receivedAt).not.toBeNull();
    expect(received.body.dueAt > received.body.receivedAt).toBe(true);
    expect(received.body.logbook.number).toBeGreaterThan(0);
  });

  it('lets the citizen answer a supplement request with the secret', async () => {
    const sub = await t.anonymous().post('/api/public/submissions', {
      procedureCode: KHAI_SINH,
      unitId: saDecId,
      values: sampleValues('ho-tich', 'khai-sinh'),
      mode: 'online',
    });
    await officer.post(`/api/dossiers/${sub.body.code}/actions`, {
      action: 'request_supplement',
      reason: 'Bổ sung bản sao giấy đăng ký kết hôn',
      missing: ['Giấy chứng nhận kết hôn'],
    });
    const details = await t
      .anonymous()
      .get(`/api/public/dossiers/${sub.body.code}/details?secret=${sub.body.secret}`);
    expect(details.body.missing).toEqual(['Giấy chứng nhận kết hôn']);
    const answer = await t.anonymous().post(`/api/public/dossiers/${sub.body.code}/supplement`, {
      secret: sub.body.secret,
      note: 'Đã gửi ảnh giấy đăng ký kết hôn',
    });
    expect(answer.status).toBe(201);
    const events = await officer.get(`/api/dossiers/${sub.body.code}/events`);
    expect(events.body.map((e: { action: string }) => e.action)).toContain('supplement_submitted');
  });
});

describe.each(DB_KINDS)('satisfaction and channel figures (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
  });
  afterAll(() => t.close());

  it('takes one rating per dossier per stage and none for an unknown dossier', async () => {
    const made = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
      counterId: 1,
    });
    const first = await officer.post(`/api/dossiers/${made.body.code}/rating`, { rating: 'very_satisfied' });
    expect(first.status).toBe(201);
    const twice = await officer.post(`/api/dossiers/${made.body.code}/rating`, { rating: 'unsatisfied' });
    expect(twice.status).toBe(409);
    const unknown = await t
      .anonymous()
      .post('/api/public/dossiers/000.00.29.H18-260101-9999/rating', { rating: 'satisfied' });
    expect(unknown.status).toBe(404);
    const early = await t
      .anonymous()
      .post(`/api/public/dossiers/${made.body.code}/rating`, { rating: 'satisfied' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/chưa trả kết quả/);
  });

  it("takes the tracking page's rating once the result is returned, and counts both stages", async () => {
    const made = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
      counterId: 1,
    });
    await officer.post(`/api/dossiers/${made.body.code}/rating`, {
      rating: 'satisfied',
      reasons: ['waiting'],
    });
    await officer.post(`/api/dossiers/${made.body.code}/actions`, { action: 'finish' });
    await officer.post(`/api/dossiers/${made.body.code}/actions`, { action: 'return_result' });
    const res = await t.anonymous().post(`/api/public/dossiers/${made.body.code}/rating`, {
      rating: 'unsatisfied',
      reasons: ['attitude'],
    });
    expect(res.status).toBe(201);
    const leader = await t.as('lanhdao');
    const stats = await leader.get('/api/stats/satisfaction');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ total: 3, very_satisfied: 1, satisfied: 1, unsatisfied: 1 });
    expect(stats.body.reasons).toEqual({ waiting: 1, attitude: 1 });
    expect(stats.body.byOfficer[0]).toMatchObject({ name: 'Nguyễn Thị Thu Hà', total: 3 });
    expect(stats.body.byCounter[0]).toMatchObject({ name: 'Quầy số 1', total: 3 });
    expect((await officer.get('/api/stats/satisfaction')).status).toBe(403);
  });

  it('reports dossiers by channel and the online share', async () => {
    const saDecId = (await officer.get('/api/auth/me')).body.user.unitIds[0];
    await t.anonymous().post('/api/public/submissions', {
      procedureCode: KHAI_SINH,
      unitId: saDecId,
      values: sampleValues('ho-tich', 'khai-sinh'),
      mode: 'online',
    });
    const leader = await t.as('lanhdao');
    const res = await leader.get(`/api/stats/channels?unitId=${saDecId}`);
    expect(res.body.byChannel).toEqual({ in_person: 2, online: 1, post: 0 });
    expect(res.body.onlinePercent).toBe(33.3);
    const other = await t.as('quantri');
    expect((await other.get('/api/stats/channels')).body.total).toBe(3);
  });
});

describe.each(DB_KINDS)("the leaders' overview (%s)", (kind) => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase(kind);
  });
  afterAll(() => t.close());

  it('counts on-time and late dossiers by field, open overdue ones as late', async () => {
    const officer = await t.as('tiepnhan');
    const a = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    await officer.post(`/api/dossiers/${a.body.code}/actions`, { action: 'finish' });
    const b = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    // Make the second one overdue: its appointment was yesterday.
    await t.database.db.kysely
      .updateTable('dossiers')
      .set({
        due_at: new Date(Date.now() - 86_400_000).toISOString(),
        committed_due_at: new Date(Date.now() - 86_400_000).toISOString(),
      })
      .where('code', '=', b.body.code)
      .execute();
    const leader = await t.as('lanhdao');
    const res = await leader.get('/api/stats/overview');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 2,
      received: 2,
      onTime: 1,
      late: 1,
      overdueOpen: 1,
      onTimePercent: 50,
    });
    expect(res.body.byField['ho-tich']).toEqual({ total: 2, onTime: 1, late: 1 });
    expect(res.body.byStatus).toEqual({ processed: 1, received: 1 });
    const other = await t.as('tiepnhan.tanduong');
    expect((await other.get('/api/stats/overview')).status).toBe(403);
  });
});

describe.each(DB_KINDS)('an apology does not make a late dossier on time (%s)', (kind) => {
  let t: TestCase;
  beforeAll(async () => {
    t = await setupTestCase(kind);
  });
  afterAll(() => t.close());

  it('keeps judging the dossier against its first appointment', async () => {
    const officer = await t.as('tiepnhan');
    const made = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    const past = new Date(Date.now() - 3600_000).toISOString();
    await t.database.db.kysely
      .updateTable('dossiers')
      .set({ due_at: past, committed_due_at: past })
      .where('code', '=', made.body.code)
      .execute();
    const newDueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const apology = await officer.post(`/api/dossiers/${made.body.code}/actions`, {
      action: 'apologise',
      reason: 'Cần xác minh thêm',
      newDueAt,
    });
    expect(apology.status).toBe(200);
    expect(apology.body.dueAt).toBe(newDueAt);
    expect(apology.body.onTime).toBe(false);
    const leader = await t.as('lanhdao');
    expect((await leader.get('/api/stats/overview')).body).toMatchObject({ late: 1, onTime: 0 });
  });
});
