import { describe, expect, it } from 'vitest';
import type { FieldDef, FormTemplate } from './FormTemplate.ts';
import { parseTemplate } from './parse-template.ts';
import { validateValues } from './validate-values.ts';

const TODAY = '2025-06-20';

function templateOf(
  fields: FieldDef[] | unknown[],
  layout: unknown[] = [{ type: 'nationalHeader' }],
): FormTemplate {
  const r = parseTemplate({
    id: 'thu',
    version: 1,
    title: 'Thử',
    field: 'ho-tich',
    procedureCodes: [],
    legalBasis: 'Thử nghiệm',
    fields,
    layout,
    samples: [{ name: 'rỗng', values: {} }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.template;
}

function one(field: FieldDef, value: unknown, draft = false) {
  const t = templateOf([field]);
  return validateValues(t, { x: value }, { today: TODAY, draft });
}

const f = (type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  key: 'x',
  type,
  label: 'Trường X',
  ...extra,
});

describe('validateValues, per field type', () => {
  it('cleans a person name: NFC, single spaces, each word capitalised', () => {
    const r = one(f('personName'), '  nguye\u0302̃n   văn  a ');
    expect(r.errors).toEqual([]);
    expect(r.values.x).toBe('Nguyễn Văn A');
    expect((r.values.x as string).normalize('NFC')).toBe(r.values.x);
  });

  it('refuses markup in a person name, naming the field and the path', () => {
    const r = one(f('personName'), '<img src=x onerror=alert(1)>');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path: 'x', message: 'Trường X chỉ được gồm chữ cái và dấu cách' }]);
  });

  it('reads dates typed as 15062025, 15/06/2025 and 1-6-2025, and stores ISO', () => {
    expect(one(f('date'), '15062025').values.x).toBe('2025-06-15');
    expect(one(f('date'), '15/06/2025').values.x).toBe('2025-06-15');
    expect(one(f('date'), '1-6-2025').values.x).toBe('2025-06-01');
  });

  it('refuses 31/02 as a date that does not exist', () => {
    const r = one(f('date'), '31/02/2024');
    expect(r.errors[0]).toEqual({ path: 'x', message: 'Trường X: tháng 2/2024 không có ngày 31' });
  });

  it('accepts 29/02 in a leap year only', () => {
    expect(one(f('date'), '29/02/2024').ok).toBe(true);
    expect(one(f('date'), '29/02/2023').ok).toBe(false);
  });

  it('accepts a year alone only when the field allows partial dates', () => {
    expect(one(f('date', { allowPartial: true }), '1942').values.x).toBe('1942');
    expect(one(f('date', { allowPartial: true }), '06/1942').values.x).toBe('1942-06');
    expect(one(f('date'), '1942').errors[0]?.message).toBe('Trường X phải ghi đủ ngày, tháng, năm');
    // A saved draft holds ISO partial dates; validating it again must keep them.
    expect(one(f('date', { allowPartial: true }), '1942-06').values.x).toBe('1942-06');
  });

  it('refuses a birth date after today', () => {
    const r = one(f('date', { notAfterToday: true }), '21/06/2025');
    expect(r.errors[0]?.message).toBe('Trường X không được sau ngày hôm nay');
    expect(one(f('date', { notAfterToday: true, allowPartial: true }), '2025').ok).toBe(true);
  });

  it('reads a time and date as 08:30 15/06/2025', () => {
    expect(one(f('dateTime'), '8:30 15/06/2025').values.x).toBe('2025-06-15T08:30');
    expect(one(f('dateTime'), '2025-06-15T08:30').values.x).toBe('2025-06-15T08:30');
    expect(one(f('dateTime'), '25:10 15/06/2025').ok).toBe(false);
  });

  it('maps gender words to Nam/Nữ', () => {
    expect(one(f('gender'), 'nu').values.x).toBe('Nữ');
    expect(one(f('gender'), 'NAM').values.x).toBe('Nam');
    expect(one(f('gender'), 'khác').errors[0]?.message).toBe('Trường X phải là Nam hoặc Nữ');
  });

  it('finds an ethnic group by name or alias without accents', () => {
    expect(one(f('ethnicity'), 'kinh').values.x).toBe('Kinh');
    expect(one(f('ethnicity'), 'Viet').values.x).toBe('Kinh');
    expect(one(f('ethnicity'), 'hmong').values.x).toBe("H'Mông");
    expect(one(f('ethnicity'), 'khmer').values.x).toBe('Khơ-me');
    expect(one(f('ethnicity'), 'Người sao Hỏa').ok).toBe(false);
  });

  it('writes Viet Nam nationality in full', () => {
    expect(one(f('nationality'), 'vn').values.x).toBe('Việt Nam');
  });

  it('requires 12 digits for a personal ID number', () => {
    expect(one(f('idNumber'), '087 195 001 234').values.x).toBe('087195001234');
    expect(one(f('idNumber'), '08719500123').errors[0]?.message).toBe('Trường X phải có 12 chữ số');
  });

  it('checks an identity document per kind and prints it as footnote (3) shows', () => {
    const r = one(f('identityDocument'), {
      kind: 'cccd',
      number: '025188001010',
      issuer: 'Cục Cảnh sát QLHC về TTXH',
      issuedOn: '20112021',
    });
    expect(r.values.x).toEqual({
      kind: 'cccd',
      number: '025188001010',
      issuer: 'Cục Cảnh sát QLHC về TTXH',
      issuedOn: '2021-11-20',
    });
    expect(one(f('identityDocument'), { kind: 'hoChieu', number: 'c1234567' }).values.x).toEqual({
      kind: 'hoChieu',
      number: 'C1234567',
    });
    expect(one(f('identityDocument'), { kind: 'cmnd', number: '1234' }).errors[0]?.message).toBe(
      'Số Chứng minh nhân dân phải có 9 hoặc 12 chữ số',
    );
    expect(one(f('identityDocument'), { kind: 'khac', number: 'A1' }).errors[0]?.message).toBe(
      'Chưa nhập tên giấy tờ của Trường X',
    );
  });

  it('normalises phone numbers and refuses short ones', () => {
    expect(one(f('phone'), '+84 918 123 456').values.x).toBe('0918123456');
    expect(one(f('phone'), '0918 12').ok).toBe(false);
  });

  it('lower-cases the domain of an email', () => {
    expect(one(f('email'), 'Thu.Ha@Example.VN').values.x).toBe('Thu.Ha@example.vn');
    expect(one(f('email'), 'thu ha@').ok).toBe(false);
  });

  it('keeps a free-text address until the catalogue exists, and a structured one', () => {
    expect(one(f('address'), 'Số 12 Hùng Vương').values.x).toEqual({ text: 'Số 12 Hùng Vương' });
    const r = one(f('address'), { detail: 'Số 12', commune: { code: '30001', name: 'Phường Sa Đéc' } });
    expect(r.errors[0]?.message).toBe('Chưa chọn tỉnh/thành phố của Trường X');
  });

  it('accepts a choice by value or by label, and refuses others', () => {
    const options = [
      { value: 'co', label: 'Có' },
      { value: 'khong', label: 'Không' },
    ];
    expect(one(f('choice', { options }), 'Không').values.x).toBe('khong');
    expect(one(f('choice', { options, multiple: true }), ['co', 'khong']).values.x).toEqual(['co', 'khong']);
    expect(one(f('choice', { options }), 'có lẽ').errors[0]?.message).toBe(
      'Trường X: lựa chọn không có trong danh sách',
    );
  });

  it('reads numbers written the Vietnamese way and checks bounds', () => {
    expect(one(f('number'), '1.234,5').values.x).toBe(1234.5);
    expect(one(f('number', { integer: true }), '2,5').errors[0]?.message).toBe('Trường X phải là số nguyên');
    expect(one(f('number', { max: 10 }), 11).errors[0]?.message).toBe('Trường X không được lớn hơn 10');
  });

  it('reads money in đồng', () => {
    expect(one(f('money'), '1.500.000 đ').values.x).toBe(1_500_000);
    expect(one(f('money'), '-5').ok).toBe(false);
  });

  it('refuses text longer than the limit, with the limit in the message', () => {
    const r = one(f('text', { maxLength: 10 }), 'x'.repeat(11));
    expect(r.errors[0]).toEqual({ path: 'x', message: 'Trường X quá dài (tối đa 10 ký tự)' });
  });

  it('strips NUL, bidi overrides and other control characters from text', () => {
    expect(one(f('text'), 'a\u0000b\u202Ec\u0007d').values.x).toBe('abcd');
  });

  it('checks place-and-date lines', () => {
    expect(one(f('placeAndDate'), { place: ' Sa  Đéc', date: '05022025' }).values.x).toEqual({
      place: 'Sa Đéc',
      date: '2025-02-05',
    });
    expect(one(f('placeAndDate'), { place: 'Sa Đéc', date: '32/01/2025' }).ok).toBe(false);
  });
});

describe('validateValues, required fields, conditions and drafts', () => {
  const t = templateOf([
    { key: 'p.identity', type: 'identityDocument', label: 'Giấy tờ tùy thân' },
    {
      key: 'p.residence',
      type: 'address',
      label: 'Nơi cư trú',
      shownWhen: { field: 'p.identity', is: 'empty' },
      requiredWhen: { field: 'p.identity', is: 'empty' },
    },
    { key: 'p.name', type: 'personName', label: 'Họ tên', required: true },
    {
      key: 'docs',
      type: 'group',
      label: 'Giấy tờ',
      maxRows: 3,
      fields: [
        { key: 'name', type: 'text', label: 'Tên giấy tờ', required: true },
        { key: 'count', type: 'number', label: 'Số lượng', integer: true },
      ],
    },
  ]);

  it('asks for the residence only when no ID number is given (Thông tư 04/2024)', () => {
    const without = validateValues(t, { p: { name: 'An' } }, { today: TODAY });
    expect(without.errors).toEqual([{ path: 'p.residence', message: 'Chưa nhập Nơi cư trú' }]);
    const withId = validateValues(
      t,
      { p: { name: 'An', identity: '087195001234', residence: 'Sa Đéc' } },
      { today: TODAY },
    );
    expect(withId.errors).toEqual([]);
    // Hidden, so dropped: the form prints a dotted blank there.
    expect(withId.values).toEqual({ p: { name: 'An', identity: { kind: 'cccd', number: '087195001234' } } });
  });

  it('reports a missing required field with its path, but not in a draft', () => {
    expect(validateValues(t, {}, { today: TODAY }).errors.map((e) => e.path)).toEqual([
      'p.residence',
      'p.name',
    ]);
    expect(validateValues(t, {}, { today: TODAY, draft: true }).errors).toEqual([]);
  });

  it('still reports wrong values in a draft, keeping the typed text for the preview', () => {
    const r = validateValues(t, { p: { name: 'An 2' } }, { today: TODAY, draft: true });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path: 'p.name', message: 'Họ tên chỉ được gồm chữ cái và dấu cách' }]);
    expect(r.values).toEqual({ p: { name: 'An 2' } });
  });

  it('checks group rows with indexed paths and drops empty rows', () => {
    const r = validateValues(
      t,
      {
        p: { name: 'An', identity: '087195001234' },
        docs: [{ name: 'Tờ khai', count: '1' }, {}, { count: 'hai' }],
      },
      { today: TODAY },
    );
    expect(r.errors).toEqual([
      { path: 'docs[1].count', message: 'Số lượng phải là số' },
      { path: 'docs[1].name', message: 'Chưa nhập Tên giấy tờ (dòng 2)' },
    ]);
    expect(r.values.docs).toEqual([{ name: 'Tờ khai', count: 1 }, { count: 'hai' }]);
  });

  it('refuses a group with too many rows before reading them', () => {
    const r = validateValues(
      t,
      { docs: Array.from({ length: 10_000 }, () => ({ name: 'x' })) },
      { today: TODAY, draft: true },
    );
    expect(r.errors).toEqual([{ path: 'docs', message: 'Giấy tờ có quá nhiều dòng (tối đa 3)' }]);
  });

  it('drops keys the template does not know and never touches the prototype', () => {
    const hostile = JSON.parse(
      '{"__proto__": {"polluted": 1}, "p": {"name": "An", "constructor": "x"}, "zzz": 1}',
    );
    const r = validateValues(t, hostile, { today: TODAY, draft: true });
    expect(r.values).toEqual({ p: { name: 'An' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses values that are not an object', () => {
    expect(validateValues(t, 'x').errors).toEqual([
      { path: '', message: 'Dữ liệu của biểu mẫu không hợp lệ' },
    ]);
  });
});
