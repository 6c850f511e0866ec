/**
 * Small Vietnamese text and date helpers used by the field types.
 * Private to forms/: src/core/text/ was not written yet when this was; the lead may merge them there.
 */
import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

// C0/C1 controls (NUL included), bidi embeddings/overrides/isolates (they can reorder what the citizen
// reads on the printed form), BOM. Zero-width joiner is kept: emoji sequences need it.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF\u200E\u200F]/g;

/** NFC, unsafe characters removed, tabs as spaces; newlines kept only when `multiline`. */
export function cleanText(s: string, multiline = false): string {
  let t = s.normalize('NFC').replace(UNSAFE, '').replace(/\t/g, ' ');
  t = t.replace(/\r\n?/g, '\n');
  if (!multiline) t = t.replace(/\n+/g, ' ');
  return t
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .trim();
}

function capitalizeWord(w: string): string {
  const first = w.charAt(0);
  return first.toLocaleUpperCase('vi') + w.slice(first.length).toLocaleLowerCase('vi');
}

/** "  nguyễn   văn  a " → "Nguyễn Văn A" (NFC, single spaces, each word capitalised). */
export function titleCaseName(s: string): string {
  return cleanText(s)
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => w.split('-').map(capitalizeWord).join('-'))
    .join(' ');
}

export function upperVi(s: string): string {
  return s.toLocaleUpperCase('vi');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export type ParsedDate = { ok: true; iso: string } | { ok: false; reason: 'format' | 'range' };

/**
 * Accepts `15062025`, `15/06/2025`, `15-6-2025`, `15.06.2025`, ISO `2025-06-15`; with `allowPartial`
 * also `2025` and `06/2025` (→ `2025`, `2025-06`).
 */
export function parseDateVi(input: string, allowPartial = false): ParsedDate {
  const s = input.trim();
  // Each pattern yields [day, month, year] capture positions (0 = absent).
  const patterns: { re: RegExp; d: number; m: number; y: number; partial?: true }[] = [
    { re: /^(\d{4})-(\d{2})-(\d{2})$/, d: 3, m: 2, y: 1 },
    { re: /^(\d{2})(\d{2})(\d{4})$/, d: 1, m: 2, y: 3 },
    { re: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, d: 1, m: 2, y: 3 },
    { re: /^(\d{1,2})[/.-](\d{4})$/, d: 0, m: 1, y: 2, partial: true },
    { re: /^(\d{4})-(\d{2})$/, d: 0, m: 2, y: 1, partial: true },
    { re: /^(\d{4})$/, d: 0, m: 0, y: 1, partial: true },
  ];
  let d: number | undefined;
  let m: number | undefined;
  let y: number | undefined;
  for (const p of patterns) {
    if (p.partial && !allowPartial) continue;
    const match = p.re.exec(s);
    if (!match) continue;
    d = p.d ? Number(match[p.d]) : undefined;
    m = p.m ? Number(match[p.m]) : undefined;
    y = Number(match[p.y]);
    break;
  }
  if (y === undefined) return { ok: false, reason: 'format' };
  if (y < 1800 || y > 2200) return { ok: false, reason: 'range' };
  if (m !== undefined && (m < 1 || m > 12)) return { ok: false, reason: 'range' };
  if (d !== undefined && (m === undefined || d < 1 || d > daysInMonth(y, m)))
    return { ok: false, reason: 'range' };
  if (m === undefined) return { ok: true, iso: String(y) };
  if (d === undefined) return { ok: true, iso: `${y}-${pad2(m)}` };
  return { ok: true, iso: `${y}-${pad2(m)}-${pad2(d)}` };
}

export interface DateParts {
  year: number;
  month?: number | undefined;
  day?: number | undefined;
  hour?: number | undefined;
  minute?: number | undefined;
}

/** Reads `2025`, `2025-06`, `2025-06-15`, `2025-06-15T08:30`. */
export function isoParts(iso: string): DateParts | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$/.exec(iso);
  if (!m) return undefined;
  const num = (x: string | undefined) => (x === undefined ? undefined : Number(x));
  return { year: Number(m[1]), month: num(m[2]), day: num(m[3]), hour: num(m[4]), minute: num(m[5]) };
}

/** `2025-06-15` → `15/06/2025`; partial dates print what they have. */
export function formatDmy(iso: string): string {
  const p = isoParts(iso);
  if (!p) return iso;
  if (p.month === undefined) return String(p.year);
  if (p.day === undefined) return `${pad2(p.month)}/${p.year}`;
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/**
 * Nghị định 30/2020, Phụ lục I: in "ngày … tháng … năm …", days below 10 and the months 1 and 2 take a
 * leading zero ("ngày 05 tháng 02 năm 2025", "ngày 15 tháng 6 năm 2025").
 */
export function dayForLine(day: number): string {
  return pad2(day);
}
export function monthForLine(month: number): string {
  return month <= 2 ? pad2(month) : String(month);
}

const plainConfig = new ReadingConfig();
plainConfig.unit = [];

/** 21 → "hai mươi mốt". Integers only; returns the digits if the reader refuses. */
export function integerWords(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  try {
    return doReadNumber(String(n), plainConfig);
  } catch {
    return String(n);
  }
}

function capitalizeFirst(s: string): string {
  const first = s.charAt(0);
  return first.toLocaleUpperCase('vi') + s.slice(first.length);
}

/**
 * The date "ghi bằng chữ" as civil-status papers write it:
 * 2025-06-15 → "Ngày mười lăm tháng sáu năm hai nghìn không trăm hai mươi lăm".
 */
export function dateWords(iso: string): string {
  const p = isoParts(iso);
  if (!p) return '';
  const parts: string[] = [];
  if (p.day !== undefined) parts.push(`ngày ${integerWords(p.day)}`);
  if (p.month !== undefined) parts.push(`tháng ${p.month === 4 ? 'tư' : integerWords(p.month)}`);
  parts.push(`năm ${integerWords(p.year)}`);
  return capitalizeFirst(parts.join(' '));
}

/** 1500000 → "1.500.000". */
export function formatThousands(n: number): string {
  const neg = n < 0;
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return neg ? `-${grouped}` : grouped;
}

/** 1500000 → "Một triệu năm trăm nghìn đồng". */
export function moneyWords(n: number): string {
  return `${capitalizeFirst(integerWords(n))} đồng`;
}
