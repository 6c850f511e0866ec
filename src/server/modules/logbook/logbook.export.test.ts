import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

const KHAI_SINH = '1.001193';

function localDay(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

describe.each(DB_KINDS)('the logbook of a unit (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let processor: ApiClient;
  let unitId: number;
  const codes: string[] = [];
  const today = localDay(new Date());

  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    processor = await t.as('xuly');
    unitId = (await officer.get('/api/auth/me')).body.user.unitIds[0];
    for (let i = 0; i < 3; i++) {
      const res = await officer.post('/api/dossiers', {
        procedureCode: KHAI_SINH,
        values: sampleValues('ho-tich', 'khai-sinh'),
      });
      codes.push(res.body.code);
    }
    // First: processed and returned well before its due time.
    await processor.post(`/api/dossiers/${codes[0]}/actions`, { action: 'finish' });
    await officer.post(`/api/dossiers/${codes[0]}/actions`, { action: 'return_result' });
    // Second: still open, its due time already passed.
    await t.database.db.kysely
      .updateTable('dossiers')
      .set({ due_at: new Date(Date.now() - 60_000).toISOString() })
      .where('code', '=', codes[1]!)
      .execute();
    // Third: refused at the desk.
    await officer.post(`/api/dossiers/${codes[2]}/actions`, { action: 'refuse', reason: 'Sai thẩm quyền' });
  });
  afterAll(() => t.close());

  it('lists the period’s dossiers in logbook order with dates, result and channel', async () => {
    const res = await officer.get(`/api/units/${unitId}/logbook?from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.body.unit.name).toBe('UBND Phường Sa Đéc');
    const rows = res.body.rows;
    expect(rows.map((r: { code: string }) => r.code)).toEqual(codes);
    expect(rows.map((r: { logbookNumber: number }) => r.logbookNumber)).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({
      procedureName: 'Đăng ký khai sinh',
      status: 'returned',
      channelLabel: 'Trực tiếp',
    });
    expect(['early', 'on_time']).toContain(rows[0].timeliness);
    expect(rows[0].finishedAt).not.toBeNull();
    expect(rows[0].returnedAt).not.toBeNull();
    expect(rows[1]).toMatchObject({ status: 'received', timeliness: 'late', timelinessLabel: 'Quá hạn' });
    expect(rows[2]).toMatchObject({ status: 'refused', statusLabel: 'Không được tiếp nhận' });
  });

  it('leaves out dossiers received outside the period', async () => {
    const res = await officer.get(`/api/units/${unitId}/logbook?from=2020-01-01&to=2020-01-31`);
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([]);
    const bad = await officer.get(`/api/units/${unitId}/logbook?from=2025-02-01&to=2025-01-01`);
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/Từ ngày/);
  });

  it('exports an Excel file with the title, Vietnamese headers and local dates', async () => {
    const res = await fetch(`${t.baseUrl}/api/units/${unitId}/logbook.xlsx?from=${today}&to=${today}`, {
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('SỔ THEO DÕI HỒ SƠ — UBND PHƯỜNG SA ĐÉC');
    const [y, m, d] = today.split('-');
    expect(String(ws.getCell('A2').value)).toBe(`Từ ngày ${d}/${m}/${y} đến ngày ${d}/${m}/${y}`);
    expect(ws.getCell('A4').value).toBe('Số thứ tự');
    expect(ws.getCell('B4').value).toBe('Mã hồ sơ');
    expect(ws.getCell('E4').value).toBe('Ngày nhận');
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(25);
    expect(ws.getCell('A5').value).toBe(1);
    expect(ws.getCell('B5').value).toBe(codes[0]);
    expect(ws.getCell('D5').value).toBe('Đăng ký khai sinh');
    const received = ws.getCell('E5');
    expect(received.numFmt).toBe('dd/mm/yyyy hh:mm');
    const api = (await officer.get(`/api/dossiers/${codes[0]}`)).body;
    const local = new Date(new Date(api.receivedAt).getTime() + 7 * 3600_000);
    expect((received.value as Date).toISOString().slice(0, 16)).toBe(local.toISOString().slice(0, 16));
    expect(ws.getCell('J6').value).toBe('Quá hạn');
    expect(ws.getCell('K5').value).toBe('Trực tiếp');
  });

  it('answers 404 for a unit the caller cannot see, in JSON and in Excel', async () => {
    const other = await t.as('tiepnhan.tanduong');
    expect((await other.get(`/api/units/${unitId}/logbook`)).status).toBe(404);
    expect((await other.get(`/api/units/${unitId}/logbook.xlsx`)).status).toBe(404);
    expect((await officer.get('/api/units/99999/logbook')).status).toBe(404);
  });
});
