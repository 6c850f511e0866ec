import { daysInMonth, parseIsoDate } from '../calendar/iso-date.ts';
import { collapseSpaces } from './normalize.ts';
import { capitalizeFirst, numberToWords } from './number-words.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * dd/mm/yyyy for display. Partial civil-status dates keep their precision ('2025-06' → '06/2025',
 * '2025' → '2025'). A value that is not an ISO date is returned unchanged, so a display never breaks.
 */
export function formatDateVi(iso: string): string {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (full) return `${full[3]}/${full[2]}/${full[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  if (month) return `${month[2]}/${month[1]}`;
  return iso;
}

export type DatePrecision = 'day' | 'month' | 'year';

export type DateInputErrorCode = 'empty' | 'format' | 'year-range' | 'month' | 'day' | 'partial';

export interface DateInputError {
  code: DateInputErrorCode;
  /** Vietnamese, names the field: "Ngày sinh: tháng 2/2025 không có ngày 31". */
  message: string;
}

export type DateInputResult =
  | { ok: true; value: string; precision: DatePrecision }
  | { ok: false; error: DateInputError };

export interface ParseDateOptions {
  /** Accept 'mm/yyyy' and 'yyyy' (civil-status records with an incomplete date). */
  allowPartial?: boolean;
  /** The field's name, used in messages. Default "Ngày". */
  label?: string;
  minYear?: number;
  maxYear?: number;
}

interface DateParts {
  day?: number;
  month?: number;
  year: number;
}

const DATE_PATTERNS: ReadonlyArray<{ re: RegExp; fields: ReadonlyArray<keyof DateParts> }> = [
  { re: /^(\d{2})(\d{2})(\d{4})$/, fields: ['day', 'month', 'year'] },
  { re: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, fields: ['day', 'month', 'year'] },
  { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, fields: ['year', 'month', 'day'] },
  { re: /^(\d{1,2})[/.-](\d{4})$/, fields: ['month', 'year'] },
  // Stored partial dates are ISO: re-validating a saved draft must accept what was saved.
  { re: /^(\d{4})-(\d{1,2})$/, fields: ['year', 'month'] },
  { re: /^(\d{4})$/, fields: ['year'] },
];

function splitDateText(text: string): DateParts | undefined {
  for (const { re, fields } of DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const parts: DateParts = { year: 0 };
    fields.forEach((field, i) => {
      parts[field] = Number(m[i + 1]);
    });
    return parts;
  }
  return undefined;
}

/**
 * Parses what an officer types into a date field: "15062025", "15/06/2025", "15-06-2025",
 * "15.6.2025", "2025-06-15"; with allowPartial also "06/2025" → '2025-06' and "2025" → '2025'.
 * Two-digit years are refused: the century would be a guess.
 */
export function parseDateInput(input: string, options: ParseDateOptions = {}): DateInputResult {
  const { allowPartial = false, label = 'Ngày', minYear = 1900, maxYear = 2100 } = options;
  const fail = (code: DateInputErrorCode, message: string): DateInputResult => ({
    ok: false,
    error: { code, message },
  });
  const text = collapseSpaces(input).replace(/\s*([/.-])\s*/g, '$1');
  if (text === '') return fail('empty', `${label} chưa được nhập`);

  const parts = splitDateText(text);
  if (!parts) {
    const expected = allowPartial ? 'dd/mm/yyyy, mm/yyyy hoặc yyyy' : 'dd/mm/yyyy';
    return fail('format', `${label} phải có dạng ${expected}`);
  }
  const { day, month, year } = parts;

  if (day === undefined && !allowPartial) return fail('partial', `${label} phải ghi đủ ngày, tháng, năm`);
  if (year < minYear || year > maxYear)
    return fail('year-range', `${label}: năm phải từ ${minYear} đến ${maxYear}`);
  if (month === undefined) return { ok: true, value: String(year), precision: 'year' };
  if (month < 1 || month > 12) return fail('month', `${label}: tháng phải từ 1 đến 12`);
  if (day === undefined) return { ok: true, value: `${year}-${pad2(month)}`, precision: 'month' };
  if (day < 1 || day > daysInMonth(year, month)) {
    return fail('day', `${label}: tháng ${month}/${year} không có ngày ${day}`);
  }
  return { ok: true, value: `${year}-${pad2(month)}-${pad2(day)}`, precision: 'day' };
}

const MONTH_WORDS = [
  'một',
  'hai',
  'ba',
  'tư',
  'năm',
  'sáu',
  'bảy',
  'tám',
  'chín',
  'mười',
  'mười một',
  'mười hai',
];

export interface DateInWordsOptions {
  /** Write days 1–10 as "mồng một" … "mồng mười" (default true). */
  mong?: boolean;
}

/**
 * A date written in words, as civil-status papers write it beside the figures ("ghi bằng chữ"):
 * '2025-06-15' → "Ngày mười lăm, tháng sáu, năm hai nghìn không trăm hai mươi lăm";
 * '2025-06-05' → "Ngày mồng năm, tháng sáu, …". Partial dates: '2025-06' → "Tháng sáu, năm …",
 * '2025' → "Năm …". Throws on anything else: callers pass stored ISO values.
 */
export function dateInWords(iso: string, options: DateInWordsOptions = {}): string {
  const { mong = true } = options;
  const year = (y: string) => `năm ${numberToWords(Number(y))}`;
  const month = (mm: string) => `tháng ${MONTH_WORDS[Number(mm) - 1]}`;
  const full = parseIsoDate(iso);
  if (full) {
    const d = full.day <= 10 && mong ? `mồng ${numberToWords(full.day)}` : numberToWords(full.day);
    return `Ngày ${d}, ${month(iso.slice(5, 7))}, ${year(iso.slice(0, 4))}`;
  }
  const partial = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(iso);
  if (partial) return capitalizeFirst(`${month(partial[2]!)}, ${year(partial[1]!)}`);
  if (/^\d{4}$/.test(iso)) return capitalizeFirst(year(iso));
  throw new RangeError(`Not an ISO date: ${iso}`);
}

/**
 * "ngày 05 tháng 02 năm 2025" as Nghị định 30/2020/NĐ-CP, Phụ lục I requires: days below 10 and
 * months 1 and 2 get a leading zero (so nobody can add a digit in front), other months do not.
 */
export function officialDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`Not an ISO date: ${iso}`);
  return `ngày ${officialDay(date.day)} tháng ${officialMonth(date.month)} năm ${date.year}`;
}

/** The day as `officialDate` writes it (forms print the parts in their own blanks): 5 → "05". */
export function officialDay(day: number): string {
  return day < 10 ? pad2(day) : String(day);
}

/** The month as `officialDate` writes it: 2 → "02", 6 → "6". */
export function officialMonth(month: number): string {
  return month < 3 ? pad2(month) : String(month);
}

/** Place and date line of a document: "Sa Đéc, ngày 15 tháng 6 năm 2025". */
export function placeAndDate(place: string, iso: string): string {
  const p = collapseSpaces(place);
  return p === '' ? officialDate(iso) : `${p}, ${officialDate(iso)}`;
}
