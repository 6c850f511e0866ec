import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

const KHAI_SINH = '1.001193';

function pdfText(buf: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kv-slip-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, Buffer.from(buf));
  // Without -layout the words of one line stay together, whatever the column widths.
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe.each(DB_KINDS)('one-stop slips of a dossier (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let processor: ApiClient;

  async function receive(): Promise<string> {
    const res = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    expect(res.status).toBe(201);
    return res.body.code;
  }

  async function slip(client: ApiClient, code: string, kind: string) {
    const res = await fetch(`${t.baseUrl}/api/dossiers/${code}/slips/${kind}.pdf`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    if (res.headers.get('content-type') === 'application/pdf') {
      return { status: res.status, text: pdfText(await res.arrayBuffer()), message: '' };
    }
    const body = (await res.json()) as { message: string };
    return { status: res.status, text: '', message: body.message };
  }

  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    processor = await t.as('xuly');
  });
  afterAll(() => t.close());

  it('answers 409 in Vietnamese for a slip whose event has not happened', async () => {
    const code = await receive();
    for (const k of ['bo-sung', 'tu-choi', 'xin-loi']) {
      const r = await slip(officer, code, k);
      expect(r.status).toBe(409);
      expect(r.message).toMatch(/^Hồ sơ chưa/);
    }
  });

  it('prints the supplement request with the missing list and the reason from the event', async () => {
    const code = await receive();
    await processor.post(`/api/dossiers/${code}/actions`, { action: 'start_processing' });
    const sup = await processor.post(`/api/dossiers/${code}/actions`, {
      action: 'request_supplement',
      reason: 'Giấy chứng sinh bị mờ, không đọc được',
      missing: ['Giấy chứng sinh bản chính', 'Bản sao giấy chứng nhận kết hôn'],
    });
    expect(sup.status).toBe(200);
    const r = await slip(officer, code, 'bo-sung');
    expect(r.status).toBe(200);
    expect(r.text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(r.text).toContain(code);
    expect(r.text).toContain('Giấy chứng sinh bản chính');
    expect(r.text).toContain('Bản sao giấy chứng nhận kết hôn');
    expect(r.text).toContain('Giấy chứng sinh bị mờ, không đọc được');
    expect(r.text).toContain('Lê Văn Xuân');
  });

  it('prints the refusal with its reason and the receiving officer', async () => {
    const code = await receive();
    await officer.post(`/api/dossiers/${code}/actions`, {
      action: 'refuse',
      reason: 'Không thuộc thẩm quyền của phường',
    });
    const r = await slip(officer, code, 'tu-choi');
    expect(r.status).toBe(200);
    expect(r.text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(r.text).toContain('Không thuộc thẩm quyền của phường');
    expect(r.text).toContain('Nguyễn Thị Thu Hà');
  });

  it('records an apology with a new date, moves the due date and prints the letter', async () => {
    const code = await receive();
    const before = (await officer.get(`/api/dossiers/${code}`)).body;
    const noDate = await processor.post(`/api/dossiers/${code}/actions`, {
      action: 'apologise',
      reason: 'Cần xác minh thêm',
    });
    expect(noDate.status).toBe(422);
    expect(noDate.body.field).toBe('newDueAt');
    const earlier = await processor.post(`/api/dossiers/${code}/actions`, {
      action: 'apologise',
      reason: 'Cần xác minh thêm',
      newDueAt: new Date(new Date(before.dueAt).getTime() - 3600_000).toISOString(),
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body.message).toMatch(/sau ngày hẹn cũ/);
    const newDueAt = new Date(new Date(before.dueAt).getTime() + 3 * 86_400_000).toISOString();
    const ok = await processor.post(`/api/dossiers/${code}/actions`, {
      action: 'apologise',
      reason: 'Cần xác minh thông tin người mẹ tại nơi cư trú trước đây',
      newDueAt,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('received');
    expect(ok.body.dueAt).toBe(newDueAt);
    const events = (await officer.get(`/api/dossiers/${code}/events`)).body;
    const last = events.at(-1);
    expect(last).toMatchObject({ action: 'apologise', fromState: 'received', toState: 'received' });
    expect(last.data).toMatchObject({ previousDueAt: before.dueAt, newDueAt });
    const r = await slip(officer, code, 'xin-loi');
    expect(r.status).toBe(200);
    expect(r.text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(r.text).toContain('Cần xác minh thông tin người mẹ tại nơi cư trú trước đây');
    const local = new Date(new Date(newDueAt).getTime() + 7 * 3600_000);
    expect(r.text).toContain(
      `ngày ${String(local.getUTCDate()).padStart(2, '0')} tháng ${local.getUTCMonth() + 1}`,
    );
  });

  it('refuses an apology for a dossier whose result is ready', async () => {
    const code = await receive();
    await processor.post(`/api/dossiers/${code}/actions`, { action: 'finish' });
    const r = await processor.post(`/api/dossiers/${code}/actions`, {
      action: 'apologise',
      reason: 'Trễ',
      newDueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/Không thể/);
  });

  it('builds the control sheet from the events: hand-overs, times, result', async () => {
    const code = await receive();
    await processor.post(`/api/dossiers/${code}/actions`, { action: 'start_processing' });
    await processor.post(`/api/dossiers/${code}/actions`, { action: 'finish' });
    await officer.post(`/api/dossiers/${code}/actions`, { action: 'return_result' });
    const r = await slip(officer, code, 'kiem-soat');
    expect(r.status).toBe(200);
    expect(r.text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(r.text).toContain('Lê Văn Xuân (chuyên viên xử lý)');
    expect(r.text).toContain('Chuyển xử lý');
    expect(r.text).toContain('Hoàn thành xử lý');
    expect(r.text).toContain('Trả kết quả');
    expect(r.text).toMatch(/Trước hạn|Đúng hạn/);
    expect(r.text.match(/1\. Giao:/g)?.length).toBe(4);
  });

  it("hides another unit's slips behind 404 and rejects an unknown kind", async () => {
    const code = await receive();
    const other = await t.as('tiepnhan.tanduong');
    expect((await slip(other, code, 'kiem-soat')).status).toBe(404);
    expect((await slip(officer, code, 'khong-co')).status).toBe(422);
  });
});
