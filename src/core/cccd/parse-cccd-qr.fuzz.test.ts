import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CccdParseResult, parseCccdQr } from './parse-cccd-qr.ts';
import { PROVINCE_CODES } from './province-codes.ts';

const SEEDS = [
  '087195001234|341234567|Nguyễn Thị Ánh Tuyết|12031995|Nữ|Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp|15042021',
  '079203001234||Đặng Văn Ơn|05092003|Nam|Số 12/3A Nguyễn Trãi, Phường 2, Quận 5, TP. Hồ Chí Minh|20082021',
  '089304012345||Lê Ngọc Hân|01012004|Nữ|Phường Mỹ Xuyên, thành phố Long Xuyên, An Giang|10082024|||',
  '001090123456|012345678|Khuất Lưu Huy Nhật|24021990|Nam|Cẩm Bào, Cẩm Yên, Thạch Thất, Hà Nội|31052021\r\n',
];

const CODES = [
  'empty',
  'field_count',
  'bad_id',
  'bad_old_id',
  'bad_date',
  'bad_gender',
  'garbled',
  'too_long',
];
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function isCalendarDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso;
}

function checkInvariants(input: string, r: CccdParseResult): void {
  if (!r.ok) {
    expect(CODES, input).toContain(r.code);
    expect(r.reason.trim().length, input).toBeGreaterThan(0);
    expect(r.reason, input).toMatch(VIETNAMESE_LETTER);
    return;
  }
  const card = r.value;
  expect(card.idNumber, input).toMatch(/^[0-9]{12}$/);
  expect(isCalendarDate(card.birthDate), input).toBe(true);
  expect(isCalendarDate(card.issueDate), input).toBe(true);
  expect(card.fullName.length, input).toBeGreaterThan(0);
  expect(card.fullName, input).toBe(card.fullName.normalize('NFC'));
  expect(card.fullName, input).not.toMatch(/\s{2}|^\s|\s$/u);
  expect(card.oldIdNumber === null || /^([0-9]{9}|[0-9]{12})$/.test(card.oldIdNumber), input).toBe(true);
}

// Characters that matter to the parser and its heuristics, mixed with any code point (lone surrogates too).
const interestingChar = fc.oneof(
  fc.constantFrom(
    '|',
    '\r',
    '\n',
    '\t',
    ' ',
    '\u00A0',
    '0',
    '9',
    'Ã',
    'Ä',
    'á',
    '»',
    '…',
    '\uFFFD',
    '?',
    'x',
    'w',
  ),
  fc
    .integer({ min: 0, max: 0x10ffff })
    .map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp))),
  fc.integer({ min: 0x20, max: 0x24f }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0x1ea0, max: 0x1ef9 }).map((cp) => String.fromCodePoint(cp)),
);

type Mutation = (s: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), interestingChar).map(([at, ch]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + ch + s.slice(i);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })).map(([at, n]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + s.slice(i + n);
  }),
  fc.tuple(fc.nat(), interestingChar).map(([at, ch]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + ch + s.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.constantFrom('|', '\n', '\r\n', '||', ' | ')).map(([at, sep]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + sep + s.slice(i);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (s: string) => {
    const i = a % (s.length + 1);
    const j = b % (s.length + 1);
    return s + s.slice(Math.min(i, j), Math.max(i, j));
  }),
  fc.nat().map((at) => (s: string) => s.slice(0, at % (s.length + 1))),
  fc.constant((s: string) => s.normalize('NFD')),
  fc.constant((s: string) => s.toUpperCase()),
  fc.constant((s: string) => s.repeat(8)),
);

const mutatedScan = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([seed, ms]) => ms.reduce((s, m) => m(s), seed));

const two = (n: number) => String(n).padStart(2, '0');

const validScan = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES.map((p) => p.code)),
    female: fc.boolean(),
    year: fc.integer({ min: 1920, max: 2015 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 0, max: 999_999 }),
    oldId: fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 999_999_999 }).map((n) => String(n).padStart(9, '0')),
    ),
    name: fc.constantFrom('Nguyễn Thị Ánh Tuyết', 'Đặng Văn Ơn', 'Ksor H’Bơ', 'Lò Văn Ỏn', 'NGUYỄN VĂN A'),
    address: fc.constantFrom(
      'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
      '',
      'Thôn 3, xã Ea Tu',
    ),
    issueYear: fc.integer({ min: 2016, max: 2030 }),
    extra: fc.array(fc.constantFrom('', 'Nguyễn Văn Ba', '001090123456'), { maxLength: 4 }),
  })
  .map((c) => {
    const digit = 2 * Math.floor((c.year - 1900) / 100) + (c.female ? 1 : 0);
    const id = `${c.province}${digit}${two(c.year % 100)}${String(c.serial).padStart(6, '0')}`;
    const fields = [
      id,
      c.oldId,
      c.name,
      `${two(c.day)}${two(c.month)}${c.year}`,
      c.female ? 'Nữ' : 'Nam',
      c.address,
      `${two(c.day)}${two(c.month)}${c.issueYear}`,
      ...c.extra,
    ];
    return { text: fields.join('|'), id, c };
  });

describe('parseCccdQr fuzz', () => {
  it('never throws on 100,000 mutated scans, and every answer is well-formed', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(mutatedScan, (input) => {
        const r = parseCccdQr(input);
        checkInvariants(input, r);
        const key = r.ok ? 'accepted' : r.code;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }),
      { numRuns: 100_000 },
    );
    // The invariants above are only worth something if both sides were exercised.
    expect(seen.get('accepted') ?? 0).toBeGreaterThan(1_000);
    for (const code of ['garbled', 'field_count', 'bad_id', 'bad_date', 'bad_gender']) {
      expect(seen.get(code) ?? 0, code).toBeGreaterThan(100);
    }
  });

  it('accepts every well-formed scan and gives its fields back without warnings', () => {
    fc.assert(
      fc.property(validScan, ({ text, id, c }) => {
        const r = parseCccdQr(text);
        if (!r.ok) throw new Error(`${text}: ${r.reason}`);
        expect(r.value.idNumber).toBe(id);
        expect(r.value.birthDate).toBe(`${c.year}-${two(c.month)}-${two(c.day)}`);
        expect(r.value.gender).toBe(c.female ? 'female' : 'male');
        expect(r.value.extra).toEqual(c.extra);
        expect(r.value.warnings).toEqual([]);
        const issued = `${c.issueYear}-${two(c.month)}-${two(c.day)}`;
        expect(r.value.issueDate).toBe(issued);
        expect(r.value.document.kind).toBe(issued >= '2024-07-01' ? 'the_can_cuoc' : 'cccd');
      }),
      { numRuns: 3_000 },
    );
  });
});
