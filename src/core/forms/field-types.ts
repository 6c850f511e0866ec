/**
 * The field-type registry: for each type, the entry widget the counter app shows, how a typed value is
 * checked and normalised, and how a stored value prints on the form.
 * Messages are Vietnamese and start with the field's label, so a message alone names the field.
 */

import { moneyInWords } from '../text/number-words.ts';
import { dateInWords, formatDateVi, officialDay, officialMonth, parseDateInput } from '../text/vi-date.ts';
import { ETHNIC_GROUPS } from './ethnic-groups.ts';
import type { FieldDef, FieldType, ValuePart } from './FormTemplate.ts';
import { cleanText, formatThousands, isoParts, titleCaseName, upperVi } from './vi-text.ts';

export type Widget =
  | 'text'
  | 'textarea'
  | 'personName'
  | 'date'
  | 'dateTime'
  | 'derived'
  | 'select'
  | 'combobox'
  | 'radio'
  | 'checkboxes'
  | 'number'
  | 'money'
  | 'idNumber'
  | 'identityDocument'
  | 'phone'
  | 'email'
  | 'address'
  | 'group'
  | 'placeAndDate';

export interface NormalizeContext {
  /** Today, ISO `YYYY-MM-DD`, in Asia/Ho_Chi_Minh (the caller decides; core does not read the clock). */
  today: string;
}

export type Normalized =
  | { ok: true; value: unknown }
  /** `cleaned` is what the officer typed, made safe, so a draft can still show it. */
  | { ok: false; message: string; cleaned?: unknown };

export interface PrintContext {
  /** Reads another value of the same form (absolute path), for derived fields. */
  valueOf(path: string): unknown;
}

export interface FieldTypeSpec {
  widget: Widget;
  /** Default maximum length of text inside the value. */
  maxLength: number;
  normalize(raw: unknown, field: FieldDef, ctx: NormalizeContext): Normalized;
  print(value: unknown, field: FieldDef, part: ValuePart | undefined, ctx: PrintContext): string;
  /** Composite values print as fixed text between parts, each part blank on its own when missing. */
  parts?: readonly (string | { part: ValuePart })[];
  /** Derived types are never typed; their value is computed when printing. */
  derived?: boolean;
}

// ---------- shared helpers ----------

function asText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}

function tooLong(field: FieldDef, limit: number, text: string): Normalized | undefined {
  const max = field.maxLength ?? limit;
  if ([...text].length > max) {
    return {
      ok: false,
      message: `${field.label} quá dài (tối đa ${max} ký tự)`,
      cleaned: [...text].slice(0, max).join(''),
    };
  }
  return undefined;
}

function textLike(multiline: boolean, limit: number) {
  return (raw: unknown, field: FieldDef): Normalized => {
    const s = asText(raw);
    if (s === undefined) return { ok: false, message: `${field.label} phải là chữ` };
    const t = cleanText(s, multiline);
    return tooLong(field, limit, t) ?? { ok: true, value: t };
  };
}

function printString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** "ghi bằng chữ" of a stored date; '' for anything that is not one (a preview never breaks). */
function dateWords(iso: string): string {
  if (!isoParts(iso)) return '';
  try {
    return dateInWords(iso);
  } catch {
    return '';
  }
}

function printDatePart(iso: string, part: ValuePart | undefined): string {
  const p = isoParts(iso);
  if (!p) return iso;
  switch (part) {
    case 'day':
      return p.day === undefined ? '' : officialDay(p.day);
    case 'month':
      return p.month === undefined ? '' : officialMonth(p.month);
    case 'year':
      return String(p.year);
    case 'hour':
      return p.hour === undefined ? '' : String(p.hour).padStart(2, '0');
    case 'minute':
      return p.minute === undefined ? '' : String(p.minute).padStart(2, '0');
    case 'words':
      return dateWords(iso.slice(0, 10));
    default:
      return formatDateVi(iso.slice(0, 10));
  }
}

function normalizeDate(raw: unknown, field: FieldDef, ctx: NormalizeContext): Normalized {
  const s = asText(raw);
  if (s === undefined) return { ok: false, message: `${field.label} phải có dạng dd/mm/yyyy` };
  const cleaned = cleanText(s).slice(0, 40);
  const parsed = parseDateInput(cleaned, { allowPartial: field.allowPartial === true, label: field.label });
  if (!parsed.ok) return { ok: false, message: parsed.error.message, cleaned };
  // Partial ISO strings compare correctly with a full date by prefix order.
  if (field.notAfterToday && parsed.value > ctx.today.slice(0, parsed.value.length)) {
    return { ok: false, message: `${field.label} không được sau ngày hôm nay`, cleaned };
  }
  return { ok: true, value: parsed.value };
}

// ---------- identity documents ----------

export const IDENTITY_DOCUMENT_KINDS = {
  cccd: 'Căn cước công dân',
  theCanCuoc: 'Thẻ căn cước',
  dinhDanh: 'Số định danh cá nhân',
  cmnd: 'Chứng minh nhân dân',
  hoChieu: 'Hộ chiếu',
  khac: 'Giấy tờ khác',
} as const;
export type IdentityDocumentKind = keyof typeof IDENTITY_DOCUMENT_KINDS;

export interface IdentityDocumentValue {
  kind: IdentityDocumentKind;
  /** The document's name when kind is `khac`. */
  kindText?: string;
  number: string;
  issuedOn?: string;
  issuer?: string;
}

/** 12 digits; the 4th digit is the century-and-sex digit (0–9 all defined), so only length is checked here. */
export function checkPersonalIdNumber(s: string): string | undefined {
  if (!/^\d+$/.test(s)) return 'chỉ gồm chữ số';
  if (s.length !== 12) return 'phải có 12 chữ số';
  return undefined;
}

function digitsOnly(s: string): string {
  return s.replace(/[\s.-]/g, '');
}

function normalizeIdentityDocument(raw: unknown, field: FieldDef, ctx: NormalizeContext): Normalized {
  if (typeof raw === 'string') {
    // Only a number typed: a 12-digit number is the personal ID (what TT 04/2024 asks for first).
    const n = digitsOnly(cleanText(raw));
    const bad = checkPersonalIdNumber(n);
    if (bad)
      return {
        ok: false,
        message: `Số giấy tờ của ${field.label} ${bad}`,
        cleaned: cleanText(raw).slice(0, 40),
      };
    return { ok: true, value: { kind: 'cccd', number: n } };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: `${field.label} không hợp lệ` };
  }
  const r = raw as Record<string, unknown>;
  const kindRaw = typeof r.kind === 'string' ? r.kind : 'cccd';
  if (!Object.hasOwn(IDENTITY_DOCUMENT_KINDS, kindRaw)) {
    return { ok: false, message: `Loại giấy tờ của ${field.label} không hợp lệ` };
  }
  const kind = kindRaw as IdentityDocumentKind;
  const numberRaw = cleanText(asText(r.number) ?? '');
  const out: IdentityDocumentValue = { kind, number: numberRaw };
  const cleaned = { ...out };
  if (numberRaw === '') return { ok: false, message: `Chưa nhập số giấy tờ của ${field.label}`, cleaned };
  if (kind === 'cccd' || kind === 'theCanCuoc' || kind === 'dinhDanh') {
    out.number = digitsOnly(numberRaw);
    const bad = checkPersonalIdNumber(out.number);
    if (bad) return { ok: false, message: `Số ${IDENTITY_DOCUMENT_KINDS[kind]} ${bad}`, cleaned };
  } else if (kind === 'cmnd') {
    out.number = digitsOnly(numberRaw);
    if (!/^(\d{9}|\d{12})$/.test(out.number)) {
      return { ok: false, message: 'Số Chứng minh nhân dân phải có 9 hoặc 12 chữ số', cleaned };
    }
  } else if (kind === 'hoChieu') {
    out.number = numberRaw.toUpperCase().replace(/\s/g, '');
    if (!/^[A-Z0-9]{6,12}$/.test(out.number)) {
      return { ok: false, message: 'Số hộ chiếu chỉ gồm 6–12 chữ cái Latin và chữ số', cleaned };
    }
  } else if ([...numberRaw].length > 60) {
    return { ok: false, message: `Số giấy tờ của ${field.label} quá dài`, cleaned };
  }
  if (kind === 'khac') {
    const kt = cleanText(asText(r.kindText) ?? '');
    if (kt === '') return { ok: false, message: `Chưa nhập tên giấy tờ của ${field.label}`, cleaned };
    if ([...kt].length > 100)
      return { ok: false, message: `Tên giấy tờ của ${field.label} quá dài`, cleaned };
    out.kindText = kt;
  }
  if (r.issuedOn !== undefined && r.issuedOn !== null && r.issuedOn !== '') {
    const d = normalizeDate(
      r.issuedOn,
      { ...field, label: `Ngày cấp ${field.label}`, notAfterToday: true },
      ctx,
    );
    if (!d.ok) return { ok: false, message: d.message, cleaned };
    out.issuedOn = d.value as string;
  }
  const issuer = cleanText(asText(r.issuer) ?? '');
  if (issuer !== '') {
    if ([...issuer].length > 200) return { ok: false, message: `Nơi cấp ${field.label} quá dài`, cleaned };
    out.issuer = issuer;
  }
  return { ok: true, value: out };
}

function printIdentityDocument(value: unknown, part: ValuePart | undefined): string {
  if (typeof value !== 'object' || value === null) return printString(value);
  const v = value as Partial<IdentityDocumentValue>;
  const kindName =
    v.kind === 'khac'
      ? (v.kindText ?? '')
      : v.kind && Object.hasOwn(IDENTITY_DOCUMENT_KINDS, v.kind)
        ? IDENTITY_DOCUMENT_KINDS[v.kind]
        : '';
  const number = typeof v.number === 'string' ? v.number : '';
  const issuedOn = typeof v.issuedOn === 'string' ? formatDateVi(v.issuedOn) : '';
  const issuer = typeof v.issuer === 'string' ? v.issuer : '';
  switch (part) {
    case 'kind':
      return kindName;
    case 'number':
      return number;
    case 'issuedOn':
      return issuedOn;
    case 'issuer':
      return issuer;
    default: {
      // As footnote (3) of the TT 04/2024 forms shows: "Căn cước công dân số … do … cấp ngày …".
      let s = `${kindName} số ${number}`;
      if (issuer) s += ` do ${issuer} cấp`;
      if (issuedOn) s += issuer ? ` ngày ${issuedOn}` : `, cấp ngày ${issuedOn}`;
      return s;
    }
  }
}

// ---------- address ----------

export interface AddressValue {
  text?: string;
  detail?: string;
  commune?: { code: string; name: string };
  province?: { code: string; name: string };
}

function normalizeArea(x: unknown): { code: string; name: string } | undefined | 'bad' {
  if (x === undefined || x === null) return undefined;
  if (typeof x !== 'object' || Array.isArray(x)) return 'bad';
  const r = x as Record<string, unknown>;
  const code = cleanText(asText(r.code) ?? '');
  const name = cleanText(asText(r.name) ?? '');
  if (name === '' || [...name].length > 100 || [...code].length > 20) return 'bad';
  return { code, name };
}

function normalizeAddress(raw: unknown, field: FieldDef): Normalized {
  if (typeof raw === 'string') {
    const t = cleanText(raw);
    return tooLong(field, 300, t) ?? { ok: true, value: { text: t } };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: `${field.label} không hợp lệ` };
  }
  const r = raw as Record<string, unknown>;
  const out: AddressValue = {};
  const text = cleanText(asText(r.text) ?? '');
  const detail = cleanText(asText(r.detail) ?? '');
  if (text) out.text = text;
  if (detail) out.detail = detail;
  const commune = normalizeArea(r.commune);
  const province = normalizeArea(r.province);
  if (commune === 'bad')
    return { ok: false, message: `Xã/phường của ${field.label} không hợp lệ`, cleaned: out };
  if (province === 'bad')
    return { ok: false, message: `Tỉnh/thành phố của ${field.label} không hợp lệ`, cleaned: out };
  if (commune) out.commune = commune;
  if (province) out.province = province;
  const tl = tooLong(field, 300, `${text} ${detail}`);
  if (tl && !tl.ok) return { ok: false, message: tl.message, cleaned: {} };
  if (commune && !province)
    return { ok: false, message: `Chưa chọn tỉnh/thành phố của ${field.label}`, cleaned: out };
  return { ok: true, value: out };
}

export function formatAddress(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  const v = value as AddressValue;
  const structured = [v.detail, v.commune?.name, v.province?.name].filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );
  if (structured.length > 0 && (v.commune || v.province)) return structured.join(', ');
  return [v.text, v.detail].filter((x) => typeof x === 'string' && x !== '').join(', ');
}

// ---------- the registry ----------

const nameLetters = /^[\p{L}\p{M}' .-]+$/u;

export const FIELD_TYPE_SPECS: Record<FieldType, FieldTypeSpec> = {
  text: { widget: 'text', maxLength: 500, normalize: textLike(false, 500), print: printString },
  longText: { widget: 'textarea', maxLength: 5000, normalize: textLike(true, 5000), print: printString },
  personName: {
    widget: 'personName',
    maxLength: 100,
    normalize(raw, field) {
      const s = asText(raw);
      if (s === undefined) return { ok: false, message: `${field.label} phải là chữ` };
      const t = titleCaseName(s);
      const long = tooLong(field, 100, t);
      if (long) return long;
      if (!nameLetters.test(t)) {
        return {
          ok: false,
          message: `${field.label} chỉ được gồm chữ cái và dấu cách`,
          cleaned: cleanText(s),
        };
      }
      return { ok: true, value: t };
    },
    print: printString,
  },
  date: {
    widget: 'date',
    maxLength: 10,
    normalize: normalizeDate,
    print: (v, _f, part) => (typeof v === 'string' ? printDatePart(v, part) : ''),
  },
  dateInWords: {
    widget: 'derived',
    maxLength: 200,
    derived: true,
    normalize: () => ({ ok: true, value: undefined }),
    print(_v, field, _part, ctx) {
      const src = field.from ? ctx.valueOf(field.from) : undefined;
      return typeof src === 'string' ? dateWords(src) : '';
    },
  },
  dateTime: {
    widget: 'dateTime',
    maxLength: 16,
    normalize(raw, field, ctx) {
      const s = asText(raw);
      const hint = 'nhập giờ:phút ngày/tháng/năm, ví dụ 08:30 15/06/2025';
      if (s === undefined) return { ok: false, message: `${field.label} không hợp lệ (${hint})` };
      const cleaned = cleanText(s).slice(0, 40);
      const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(cleaned);
      const vi = /^(\d{1,2})[:hg](\d{2})(?:\s*p)?[\s,]+(.+)$/.exec(cleaned);
      const m = iso ?? vi;
      if (!m) return { ok: false, message: `${field.label} không hợp lệ (${hint})`, cleaned };
      const [datePart, hh, mm] = iso ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[1]!, m[2]!];
      const d = normalizeDate(datePart, { ...field, allowPartial: false }, ctx);
      if (!d.ok) return { ok: false, message: d.message, cleaned };
      const h = Number(hh);
      const min = Number(mm);
      if (h > 23 || min > 59) return { ok: false, message: `Giờ của ${field.label} không có thật`, cleaned };
      return {
        ok: true,
        value: `${d.value as string}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`,
      };
    },
    print: (v, _f, part) => (typeof v === 'string' ? printDatePart(v, part) : ''),
    parts: [
      { part: 'hour' },
      ' giờ ',
      { part: 'minute' },
      ' phút, ngày ',
      { part: 'day' },
      ' tháng ',
      { part: 'month' },
      ' năm ',
      { part: 'year' },
    ],
  },
  gender: {
    widget: 'radio',
    maxLength: 3,
    normalize(raw, field) {
      const s = asText(raw);
      const f = s === undefined ? '' : fold(s);
      if (['nam', 'male', 'm', 'trai'].includes(f)) return { ok: true, value: 'Nam' };
      if (['nu', 'female', 'f', 'gai'].includes(f)) return { ok: true, value: 'Nữ' };
      return {
        ok: false,
        message: `${field.label} phải là Nam hoặc Nữ`,
        cleaned: s ? cleanText(s).slice(0, 20) : undefined,
      };
    },
    print: printString,
  },
  ethnicity: {
    widget: 'combobox',
    maxLength: 50,
    normalize(raw, field) {
      const s = asText(raw);
      if (s === undefined) return { ok: false, message: `${field.label} phải là chữ` };
      const t = cleanText(s);
      const f = fold(t);
      const found = ETHNIC_GROUPS.find((g) => fold(g.name) === f || g.aliases.some((a) => fold(a) === f));
      if (found) return { ok: true, value: found.name };
      if (field.allowOther) return tooLong(field, 50, t) ?? { ok: true, value: t };
      return {
        ok: false,
        message: `${field.label} không có trong danh mục 54 dân tộc (${t.slice(0, 30)})`,
        cleaned: t.slice(0, 50),
      };
    },
    print: printString,
  },
  nationality: {
    widget: 'combobox',
    maxLength: 60,
    normalize(raw, field) {
      const s = asText(raw);
      if (s === undefined) return { ok: false, message: `${field.label} phải là chữ` };
      const t = cleanText(s);
      if (['vietnam', 'vn', 'vnm'].includes(fold(t))) return { ok: true, value: 'Việt Nam' };
      const long = tooLong(field, 60, t);
      if (long) return long;
      if (!/^[\p{L}\p{M} ,.()'-]+$/u.test(t)) {
        return { ok: false, message: `${field.label} chỉ được gồm chữ cái`, cleaned: t };
      }
      return { ok: true, value: t };
    },
    print: printString,
  },
  idNumber: {
    widget: 'idNumber',
    maxLength: 12,
    normalize(raw, field) {
      const s = asText(raw);
      if (s === undefined) return { ok: false, message: `${field.label} phải là dãy số` };
      const n = digitsOnly(cleanText(s));
      const bad = checkPersonalIdNumber(n);
      if (bad) return { ok: false, message: `${field.label} ${bad}`, cleaned: cleanText(s).slice(0, 40) };
      return { ok: true, value: n };
    },
    print: printString,
  },
  identityDocument: {
    widget: 'identityDocument',
    maxLength: 400,
    normalize: normalizeIdentityDocument,
    print: (v, _f, part) => printIdentityDocument(v, part),
  },
  phone: {
    widget: 'phone',
    maxLength: 15,
    normalize(raw, field) {
      const s = asText(raw);
      if (s === undefined) return { ok: false, message: `${field.label} phải là dãy số` };
      const cleaned = cleanText(s).slice(0, 40);
      let n = cleaned.replace(/[\s.()-]/g, '');
      if (n.startsWith('+84')) n = `0${n.slice(3)}`;
      else if (n.startsWith('84') && n.length === 11) n = `0${n.slice(2)}`;
      if (!/^0\d{9,10}$/.test(n)) {
        return {
          ok: false,
          message: `${field.label} phải có 10 chữ số, bắt đầu bằng 0 (máy bàn: 11 số)`,
          cleaned,
        };
      }
      return { ok: true, value: n };
    },
    print: printString,
  },
  email: {
    widget: 'email',
    maxLength: 254,
    normalize(raw, field) {
      const s = asText(raw);
      if (s === undefined) return { ok: false, message: `${field.label} không hợp lệ` };
      const t = cleanText(s).replace(/\s/g, '');
      if (t.length > 254 || !/^[^@\s<>"]+@[^@\s<>"]+\.[A-Za-z]{2,}$/.test(t)) {
        return {
          ok: false,
          message: `${field.label} không hợp lệ (ví dụ ten@example.vn)`,
          cleaned: t.slice(0, 254),
        };
      }
      const at = t.lastIndexOf('@');
      return { ok: true, value: `${t.slice(0, at)}@${t.slice(at + 1).toLowerCase()}` };
    },
    print: printString,
  },
  address: { widget: 'address', maxLength: 300, normalize: normalizeAddress, print: (v) => formatAddress(v) },
  choice: {
    widget: 'radio',
    maxLength: 200,
    normalize(raw, field) {
      const options = field.options ?? [];
      const pick = (x: unknown) => {
        const s = asText(x) ?? (typeof x === 'boolean' ? (x ? 'co' : 'khong') : undefined);
        if (s === undefined) return undefined;
        const t = cleanText(s);
        return options.find((o) => o.value === t) ?? options.find((o) => fold(o.label) === fold(t));
      };
      if (field.multiple) {
        const arr = Array.isArray(raw) ? raw : [raw];
        const picked: string[] = [];
        for (const x of arr) {
          const o = pick(x);
          if (!o) return { ok: false, message: `${field.label}: lựa chọn không có trong danh sách` };
          if (!picked.includes(o.value)) picked.push(o.value);
        }
        return { ok: true, value: picked };
      }
      const o = pick(raw);
      if (!o) return { ok: false, message: `${field.label}: lựa chọn không có trong danh sách` };
      return { ok: true, value: o.value };
    },
    print(v, field) {
      const options = field.options ?? [];
      const vals = Array.isArray(v) ? v : [v];
      return vals
        .map((x) => options.find((o) => o.value === x)?.label)
        .filter((x): x is string => x !== undefined)
        .join(', ');
    },
  },
  number: {
    widget: 'number',
    maxLength: 20,
    normalize(raw, field) {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string') {
        const t = cleanText(raw).replace(/\s/g, '');
        // Vietnamese writing: "1.234,5"; a single comma is the decimal mark.
        if (!/^-?[\d.]*,?\d*$/.test(t) || t === '' || t === '-') {
          return { ok: false, message: `${field.label} phải là số`, cleaned: t.slice(0, 20) };
        }
        n = Number(t.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.'));
      } else return { ok: false, message: `${field.label} phải là số` };
      if (!Number.isFinite(n)) return { ok: false, message: `${field.label} phải là số` };
      if (field.integer && !Number.isInteger(n))
        return { ok: false, message: `${field.label} phải là số nguyên` };
      if (field.min !== undefined && n < field.min)
        return { ok: false, message: `${field.label} không được nhỏ hơn ${field.min}` };
      if (field.max !== undefined && n > field.max)
        return { ok: false, message: `${field.label} không được lớn hơn ${field.max}` };
      return { ok: true, value: n };
    },
    print: (v) =>
      typeof v === 'number' && Number.isFinite(v) ? String(v).replace('.', ',') : printString(v),
  },
  money: {
    widget: 'money',
    maxLength: 20,
    normalize(raw, field) {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string') {
        const t = cleanText(raw).replace(/\s|đồng|đ|vnđ|vnd/gi, '');
        if (!/^\d[\d.]*$/.test(t))
          return { ok: false, message: `${field.label} phải là số tiền (đồng)`, cleaned: t.slice(0, 20) };
        n = Number(t.replace(/\./g, ''));
      } else return { ok: false, message: `${field.label} phải là số tiền (đồng)` };
      if (!Number.isSafeInteger(n) || n < 0)
        return { ok: false, message: `${field.label} phải là số đồng, không âm` };
      if (field.max !== undefined && n > field.max)
        return { ok: false, message: `${field.label} không được lớn hơn ${field.max}` };
      return { ok: true, value: n };
    },
    print(v, _f, part) {
      // Validation refuses negative amounts; an unvalidated preview prints the figure as typed.
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return printString(v);
      if (part === 'amount') return formatThousands(v);
      if (part === 'words') return moneyInWords(v);
      return `${formatThousands(v)} đồng (${moneyInWords(v)})`;
    },
  },
  group: {
    widget: 'group',
    maxLength: 0,
    normalize: (raw, field) =>
      Array.isArray(raw)
        ? { ok: true, value: raw }
        : { ok: false, message: `${field.label} phải là danh sách` },
    print: () => '',
  },
  placeAndDate: {
    widget: 'placeAndDate',
    maxLength: 100,
    normalize(raw, field, ctx) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return { ok: false, message: `${field.label} phải gồm địa danh và ngày` };
      }
      const r = raw as Record<string, unknown>;
      const place = cleanText(asText(r.place) ?? '');
      const out: { place?: string; date?: string } = {};
      if (place) out.place = place;
      const long = tooLong({ ...field, label: `Địa danh của ${field.label}` }, 100, place);
      if (long) return long;
      if (r.date !== undefined && r.date !== null && r.date !== '') {
        const d = normalizeDate(
          r.date,
          { ...field, label: `Ngày của ${field.label}`, allowPartial: false },
          ctx,
        );
        if (!d.ok) return { ok: false, message: d.message, cleaned: out };
        out.date = d.value as string;
      }
      return { ok: true, value: out };
    },
    print(v, _f, part) {
      if (typeof v !== 'object' || v === null) return '';
      const r = v as { place?: unknown; date?: unknown };
      if (part === 'place') return typeof r.place === 'string' ? r.place : '';
      if (typeof r.date !== 'string') return '';
      return printDatePart(r.date, part);
    },
    parts: [
      { part: 'place' },
      ', ngày ',
      { part: 'day' },
      ' tháng ',
      { part: 'month' },
      ' năm ',
      { part: 'year' },
    ],
  },
};

export function upperIfAsked(s: string, upper: boolean | undefined): string {
  return upper ? upperVi(s) : s;
}
