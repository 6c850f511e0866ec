import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.ts';

const base = {
  id: 'thu',
  version: 1,
  title: 'Thử',
  field: 'ho-tich',
  procedureCodes: [],
  legalBasis: 'Thử nghiệm',
  samples: [{ name: 'rỗng', values: {} }],
};

describe('parseTemplate', () => {
  it('expands the requester block into its fields and lines, with the parameters filled in', () => {
    const r = parseTemplate({
      ...base,
      fields: [],
      layout: [{ use: 'requester', params: { relationLabel: 'Quan hệ với trẻ' } }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const keys = r.template.fields.map((f) => ('key' in f ? f.key : ''));
    expect(keys).toEqual([
      'recipient',
      'requester.fullName',
      'requester.birthDate',
      'requester.residence',
      'requester.identity',
      'requester.relation',
    ]);
    expect(JSON.stringify(r.template)).not.toContain('{{');
    expect(JSON.stringify(r.template.layout)).toContain('Quan hệ với trẻ: ');
  });

  it('expands a person block under a prefix with omit, required and override', () => {
    const r = parseTemplate({
      ...base,
      fields: [
        {
          use: 'person',
          prefix: 'mother',
          params: { who: 'người mẹ' },
          omit: ['mother.gender'],
          required: ['mother.fullName'],
          override: { 'mother.birthDate': { allowPartial: true } },
        },
      ],
      layout: [{ type: 'labelValue', items: [{ label: 'Họ tên mẹ: ', value: 'mother.fullName' }] }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const byKey = new Map(r.template.fields.map((f) => ['key' in f ? f.key : '', f]));
    expect(byKey.has('mother.gender')).toBe(false);
    expect(byKey.get('mother.fullName')).toMatchObject({
      required: true,
      label: 'Họ, chữ đệm, tên người mẹ',
    });
    expect(byKey.get('mother.birthDate')).toMatchObject({ allowPartial: true });
    expect(byKey.get('mother.residence')).toMatchObject({
      shownWhen: { field: 'mother.identity', is: 'empty' },
    });
  });

  it('names an unknown block and a missing prefix', () => {
    const r = parseTemplate({
      ...base,
      fields: [{ use: 'nope' }, { use: 'person' }],
      layout: [{ type: 'nationalHeader' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['fields[0]', 'fields[1]']);
    expect(r.issues[0]!.message).toContain('Không có khối dùng chung tên "nope"');
  });

  it('reports layout paths and conditions that name no field', () => {
    const r = parseTemplate({
      ...base,
      fields: [{ key: 'a', type: 'text', label: 'A', shownWhen: { field: 'b', is: 'filled' } }],
      layout: [
        { type: 'paragraph', runs: [{ value: 'missing' }] },
        { type: 'paragraph', runs: [{ checkbox: 'a', option: 'x' }] },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { path: 'fields[0].shownWhen', message: 'Điều kiện nhắc tới trường không có: "b"' },
      { path: 'layout[0].runs[0].value', message: 'Không có trường "missing"' },
      { path: 'layout[1].runs[0].checkbox', message: '"a" phải là một trường chọn (choice)' },
    ]);
  });

  it('reports schema errors with their place in the file', () => {
    const r = parseTemplate({
      ...base,
      fields: [{ key: 'a', type: 'colour', label: 'A' }],
      layout: [{ type: 'nationalHeader' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      {
        path: 'fields[0].type',
        message: expect.stringMatching(/^Giá trị không hợp lệ, phải là một trong: text, longText, /),
      },
    ]);
  });

  it('requires dateInWords to point at a date field', () => {
    const r = parseTemplate({
      ...base,
      fields: [
        { key: 'a', type: 'text', label: 'A' },
        { key: 'w', type: 'dateInWords', label: 'W', from: 'a' },
      ],
      layout: [{ type: 'nationalHeader' }],
    });
    expect(r.ok).toBe(false);
  });
});
