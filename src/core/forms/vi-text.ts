/**
 * Text helpers the field types need beyond src/core/text: stripping characters that must never reach
 * a printed form, and reading stored ISO dates into parts for the "ngày … tháng … năm …" blanks.
 * Names, dates and amounts in words come from src/core/text (one implementation each).
 */
import { normalizePersonName } from '../text/person-name.ts';

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

/** "  nguyễn   văn  a " → "Nguyễn Văn A": unsafe characters dropped, then the name case of src/core/text. */
export function titleCaseName(s: string): string {
  return normalizePersonName(cleanText(s));
}

/** Capitals for any printed value (a name, an address); unlike `upperName` it keeps line breaks. */
export function upperVi(s: string): string {
  return s.toLocaleUpperCase('vi');
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

/** 1500000 → "1.500.000". */
export function formatThousands(n: number): string {
  const neg = n < 0;
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return neg ? `-${grouped}` : grouped;
}
