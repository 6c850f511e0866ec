import ExcelJS from 'exceljs';
import type { LogbookView } from '../../../core/api/logbook.ts';

export const LOGBOOK_HEADERS = [
  'Số thứ tự',
  'Mã hồ sơ',
  'Người nộp hồ sơ',
  'Thủ tục',
  'Ngày nhận',
  'Ngày hẹn trả',
  'Ngày hoàn thành',
  'Ngày trả kết quả',
  'Trạng thái',
  'Kết quả (trước hạn, đúng hạn, quá hạn)',
  'Kênh nộp',
] as const;

const WIDTHS = [10, 28, 26, 36, 17, 17, 17, 17, 22, 20, 14];
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';

/** Excel dates carry no time zone: write the Vietnamese wall-clock time so the cell shows it. */
function localCellDate(iso: string | null): Date | null {
  return iso ? new Date(new Date(iso).getTime() + 7 * 3600_000) : null;
}

function dmy(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** The logbook as an .xlsx workbook: title rows with the unit and the period, then one row per dossier. */
export async function logbookWorkbook(view: LogbookView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Không Viết';
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  const last = LOGBOOK_HEADERS.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `SỔ THEO DÕI HỒ SƠ — ${view.unit.name.toUpperCase()}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = `Từ ngày ${dmy(view.from)} đến ngày ${dmy(view.to)}`;
  ws.getCell(2, 1).font = { italic: true };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(4);
  LOGBOOK_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F6' } };
  });
  header.height = 32;
  WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const [i, r] of view.rows.entries()) {
    const row = ws.getRow(5 + i);
    row.values = [
      r.logbookNumber,
      r.code,
      r.applicantName,
      r.procedureName,
      localCellDate(r.receivedAt),
      localCellDate(r.dueAt),
      localCellDate(r.finishedAt),
      localCellDate(r.returnedAt),
      r.statusLabel,
      r.timelinessLabel,
      r.channelLabel,
    ];
    for (const col of [5, 6, 7, 8]) row.getCell(col).numFmt = DATE_FORMAT;
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  }
  const summary = ws.getRow(6 + view.rows.length);
  const late = view.rows.filter((r) => r.timeliness === 'late').length;
  summary.getCell(1).value = `Tổng số: ${view.rows.length} hồ sơ; quá hạn: ${late}`;
  summary.getCell(1).font = { italic: true };
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
