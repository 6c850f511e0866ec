import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { todayInVietnam } from './cccd.routes.ts';

const OLD_CARD =
  '087195001234|341234567|Nguyễn Thị Ánh Tuyết|12031995|Nữ|Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp|15042021';
const NEW_CARD = '087304012345||Lê Ngọc Hân|01012004|Nữ|Khóm 1, Phường Sa Đéc, Đồng Tháp|10082024|||';

describe.each(DB_KINDS)('reading an ID card QR (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
  });
  afterAll(() => t.close());

  it('reads a CCCD issued before 1/7/2024 and converts its old address', async () => {
    const res = await officer.post('/api/cccd/parse', { text: `${OLD_CARD}\r\n` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      idNumber: '087195001234',
      oldIdNumber: '341234567',
      fullName: 'Nguyễn Thị Ánh Tuyết',
      birthDate: '1995-03-12',
      gender: 'female',
      address: 'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
      issueDate: '2021-04-15',
      document: { kind: 'cccd', issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' },
      warnings: [],
      addressConversion: {
        detail: 'Ấp Tân Hòa',
        commune: { code: '29905', name: 'Phường Sa Đéc' },
        province: { code: '82', name: 'Tỉnh Đồng Tháp' },
        ambiguous: false,
        source: 'old',
      },
    });
  });

  it('reads a thẻ căn cước from 1/7/2024 with trailing empty fields and no conversion for a current address', async () => {
    const res = await officer.post('/api/cccd/parse', { text: NEW_CARD });
    expect(res.status).toBe(200);
    expect(res.body.document).toEqual({ kind: 'the_can_cuoc', title: 'Thẻ căn cước', issuer: 'Bộ Công an' });
    expect(res.body.oldIdNumber).toBeNull();
    expect(res.body.addressConversion).toBeUndefined();
  });

  it('shows a warning, not a refusal, when the number disagrees with the birth year', async () => {
    const res = await officer.post('/api/cccd/parse', {
      text: OLD_CARD.replace('087195001234', '087194001234'),
    });
    expect(res.status).toBe(200);
    expect(res.body.warnings.join(' ')).toMatch(/năm sinh 1994/);
  });

  it('refuses garbled or malformed text with 422, a Vietnamese message and reason', async () => {
    const res = await officer.post('/api/cccd/parse', { text: '087195001234|341234567|Nguyễn' });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/Không phải mã QR trên thẻ CCCD/);
    expect(res.body.reason).toBe(res.body.message);
    expect(res.body).toMatchObject({ code: 'field_count', field: 'text' });
    const future = await officer.post('/api/cccd/parse', { text: OLD_CARD.replace('15042021', '15042099') });
    expect(future.status).toBe(422);
    expect(future.body.message).toMatch(/ở tương lai/);
    const missing = await officer.post('/api/cccd/parse', {});
    expect(missing.status).toBe(422);
    expect(missing.body.field).toBe('text');
  });

  it('is open to officers, processors and admins, not to leaders or anonymous callers', async () => {
    for (const u of ['xuly', 'quantri']) {
      expect((await (await t.as(u)).post('/api/cccd/parse', { text: OLD_CARD })).status, u).toBe(200);
    }
    const leader = await (await t.as('lanhdao')).post('/api/cccd/parse', { text: OLD_CARD });
    expect(leader.status).toBe(403);
    expect(leader.body.message).toMatch(/không có quyền/);
    expect((await t.anonymous().post('/api/cccd/parse', { text: OLD_CARD })).status).toBe(401);
  });
});

describe('the date at the desks', () => {
  it('is the Vietnamese date even when UTC is still the day before', () => {
    expect(todayInVietnam(new Date('2025-06-30T18:30:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date('2025-06-30T16:59:00Z'))).toBe('2025-06-30');
  });
});
