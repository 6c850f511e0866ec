import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

const KHAI_SINH = '1.001193';

function pdfText(buf: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kv-pdf-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, Buffer.from(buf));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe.each(DB_KINDS)('receiving a dossier at the desk (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
  });
  afterAll(() => t.close());

  it("lists the unit's procedures with their template and time", async () => {
    const me = (await officer.get('/api/auth/me')).body.user;
    const res = await officer.get(`/api/procedures?unitId=${me.unitIds[0]}`);
    expect(res.status).toBe(200);
    const ks = res.body.find((p: { code: string }) => p.code === KHAI_SINH);
    expect(ks).toMatchObject({
      name: 'Đăng ký khai sinh',
      field: 'ho-tich',
      templateId: 'khai-sinh',
      sameDay: true,
      processingDays: 0,
    });
    expect(ks.fees[0]).toMatchObject({ amount: 0 });
  });

  it('receives a birth registration: code, due date, logbook number, event', async () => {
    const res = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
      documents: [{ name: 'Giấy chứng sinh', kind: 'original', count: 1 }],
      counterId: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^000\.00\.29\.H18-\d{6}-0001$/);
    expect(res.body.status).toBe('received');
    expect(new Date(res.body.dueAt).getTime()).toBeGreaterThan(new Date(res.body.receivedAt).getTime());
    expect(res.body.logbook.number).toBe(1);
    const got = await officer.get(`/api/dossiers/${res.body.code}`);
    expect(got.status).toBe(200);
    expect(got.body.templateVersion).toBeGreaterThanOrEqual(1);
    expect(got.body.applicant.name.length).toBeGreaterThan(3);
    const events = await officer.get(`/api/dossiers/${res.body.code}/events`);
    expect(events.body.map((e: { action: string }) => e.action)).toEqual(['receive']);
    expect(events.body[0].actor).toBe('Nguyễn Thị Thu Hà');
  });

  it('answers 422 naming each invalid field and writes nothing', async () => {
    const values = sampleValues('ho-tich', 'khai-sinh');
    const before = (await officer.get('/api/dossiers')).body.length;
    (values as { child: { birthDate: string } }).child.birthDate = '31/02/2025';
    const res = await officer.post('/api/dossiers', { procedureCode: KHAI_SINH, values });
    expect(res.status).toBe(422);
    expect(res.body.errors.some((e: { path: string }) => e.path === 'child.birthDate')).toBe(true);
    expect(res.body.message).toMatch(/ngày|tháng/i);
    expect((await officer.get('/api/dossiers')).body.length).toBe(before);
  });

  it('answers 422 for an unknown procedure and for a missing values object', async () => {
    const a = await officer.post('/api/dossiers', { procedureCode: '9.999999', values: {} });
    expect(a.status).toBe(422);
    expect(a.body.field).toBe('procedureCode');
    const b = await officer.post('/api/dossiers', { procedureCode: KHAI_SINH });
    expect(b.status).toBe(422);
    expect(b.body.field).toBe('values');
  });

  it('returns the same dossier when a draft is received twice', async () => {
    const body = {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
      draftId: 'draft-abc-12345',
    };
    const first = await officer.post('/api/dossiers', body);
    const second = await officer.post('/api/dossiers', body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.code).toBe(first.body.code);
  });

  it('prints the receipt slip with the code, the applicant and two copies', async () => {
    const made = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    const res = await fetch(`${t.baseUrl}/api/dossiers/${made.body.code}/receipt.pdf`, {
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(await res.arrayBuffer());
    expect(text.split(made.body.code).length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Đăng ký khai sinh');
  });

  it("hides another unit's dossier behind 404", async () => {
    const made = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    const other = await t.as('tiepnhan.tanduong');
    expect((await other.get(`/api/dossiers/${made.body.code}`)).status).toBe(404);
    expect((await other.post(`/api/dossiers/${made.body.code}/actions`, { action: 'finish' })).status).toBe(
      404,
    );
    expect((await other.get('/api/dossiers')).body).toEqual([]);
  });

  it('moves a dossier through processing to returned, refusing wrong steps and roles', async () => {
    const made = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    const code = made.body.code;
    const processor = await t.as('xuly');
    const leader = await t.as('lanhdao');
    expect((await officer.post(`/api/dossiers/${code}/actions`, { action: 'return_result' })).status).toBe(
      409,
    );
    const byLeader = await leader.post(`/api/dossiers/${code}/actions`, { action: 'finish' });
    expect(byLeader.status).toBe(403);
    expect(byLeader.body.message).toMatch(/Vai trò/);
    const noReason = await processor.post(`/api/dossiers/${code}/actions`, { action: 'request_supplement' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.field).toBe('reason');
    expect(
      (await processor.post(`/api/dossiers/${code}/actions`, { action: 'start_processing' })).body.status,
    ).toBe('processing');
    const sup = await processor.post(`/api/dossiers/${code}/actions`, {
      action: 'request_supplement',
      reason: 'Thiếu giấy chứng sinh',
      missing: ['Giấy chứng sinh'],
    });
    expect(sup.body.status).toBe('supplement_requested');
    expect(
      (await processor.post(`/api/dossiers/${code}/actions`, { action: 'supplement_received' })).body.status,
    ).toBe('processing');
    expect((await processor.post(`/api/dossiers/${code}/actions`, { action: 'finish' })).body.status).toBe(
      'processed',
    );
    const returned = await officer.post(`/api/dossiers/${code}/actions`, { action: 'return_result' });
    expect(returned.body.status).toBe('returned');
    expect(returned.body.onTime).toBe(true);
    const events = (await officer.get(`/api/dossiers/${code}/events`)).body.map(
      (e: { action: string; toState: string }) => `${e.action}>${e.toState}`,
    );
    expect(events).toEqual([
      'receive>received',
      'start_processing>processing',
      'request_supplement>supplement_requested',
      'supplement_received>processing',
      'finish>processed',
      'return_result>returned',
    ]);
  });

  it('shows the public only a masked name and the status; unknown codes are 404 in Vietnamese', async () => {
    const made = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    const pub = await t.anonymous().get(`/api/public/dossiers/${made.body.code}`);
    expect(pub.status).toBe(200);
    expect(pub.body.statusLabel).toBe('Đã tiếp nhận');
    expect(pub.body.applicantName).toMatch(/^\p{Lu}\*+( \p{Lu}\*+)+$/u);
    expect(JSON.stringify(pub.body)).not.toMatch(/values|idNumber|phone|email|address/);
    const missing = await t.anonymous().get('/api/public/dossiers/000.00.29.H18-260101-9999');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/Không tìm thấy hồ sơ/);
  });

  it("computes the appointment for the officer's preview", async () => {
    const res = await officer.get('/api/calendar/due?from=2026-11-23T16:00:00%2B07:00&workingDays=0');
    expect(res.status).toBe(200);
    // Received after 15:00 on Monday 23/11/2026; Tuesday 24/11 is Ngày Văn hóa Việt Nam from 2026.
    expect(res.body.dueAt).toBe('2026-11-25T10:00:00.000Z');
    const bad = await officer.get('/api/calendar/due?from=hôm-nay&workingDays=1');
    expect(bad.status).toBe(422);
    expect(bad.body.field).toBe('from');
  });
});
