/**
 * Reusable blocks: pieces of fields and layout written once and used by many templates with
 * `{ "use": "<name>", "prefix": "...", "params": { ... } }`. Every string inside a block may contain
 * `{{prefix}}` and `{{param}}` placeholders, replaced at expansion (see expand-template.ts).
 */
import type { FieldDef, LayoutBlock } from './FormTemplate.ts';

export interface ReusableBlock {
  description: string;
  /** Parameters and their defaults; a placeholder without a default must be given by the template. */
  params: Record<string, string>;
  defaultPrefix?: string;
  fields: FieldDef[];
  /** Absent for field-only blocks (their layout differs per form, e.g. a table column). */
  layout?: LayoutBlock[];
}

const noIdentity = { field: '{{prefix}}.identity', is: 'empty' } as const;

/**
 * The requester block of the civil-status tờ khai of Thông tư 04/2024/TT-BTP:
 * Kính gửi / Họ, chữ đệm, tên người yêu cầu / Ngày, tháng, năm sinh / Nơi cư trú (2) /
 * Giấy tờ tùy thân (3) / Quan hệ với …
 * "Nơi cư trú" is asked only when no personal ID number is given (footnote (2) of those forms).
 */
const requester: ReusableBlock = {
  description: 'Người yêu cầu (mẫu tờ khai hộ tịch, Thông tư 04/2024/TT-BTP)',
  params: {
    recipientNote: '1',
    residenceNote: '2',
    identityNote: '3',
    relationLabel: 'Quan hệ với người được đăng ký',
  },
  defaultPrefix: 'requester',
  fields: [
    {
      key: 'recipient',
      type: 'text',
      label: 'Kính gửi (tên cơ quan đăng ký)',
      required: true,
      hint: 'Ví dụ: Ủy ban nhân dân phường Sa Đéc',
    },
    {
      key: '{{prefix}}.fullName',
      type: 'personName',
      label: 'Họ, chữ đệm, tên người yêu cầu',
      required: true,
    },
    {
      key: '{{prefix}}.birthDate',
      type: 'date',
      label: 'Ngày, tháng, năm sinh người yêu cầu',
      notAfterToday: true,
    },
    {
      key: '{{prefix}}.residence',
      type: 'address',
      label: 'Nơi cư trú người yêu cầu',
      shownWhen: noIdentity,
      requiredWhen: noIdentity,
      hint: 'Chỉ ghi khi người yêu cầu không cung cấp số định danh cá nhân',
    },
    { key: '{{prefix}}.identity', type: 'identityDocument', label: 'Giấy tờ tùy thân người yêu cầu' },
    { key: '{{prefix}}.relation', type: 'text', label: '{{relationLabel}}', required: true, maxLength: 100 },
  ],
  layout: [
    {
      type: 'paragraph',
      runs: [
        { text: 'Kính gửi: ', bold: true },
        { footnote: '{{recipientNote}}' },
        ' ',
        { value: 'recipient', blank: 60 },
      ],
    },
    {
      type: 'labelValue',
      items: [
        { label: 'Họ, chữ đệm, tên người yêu cầu: ', value: '{{prefix}}.fullName', upper: true, blank: 45 },
      ],
    },
    {
      type: 'labelValue',
      items: [{ label: 'Ngày, tháng, năm sinh: ', value: '{{prefix}}.birthDate', blank: 30 }],
    },
    {
      type: 'labelValue',
      items: [
        { label: 'Nơi cư trú: ', footnote: '{{residenceNote}}', value: '{{prefix}}.residence', blank: 70 },
      ],
    },
    {
      type: 'labelValue',
      items: [
        {
          label: 'Giấy tờ tùy thân: ',
          footnote: '{{identityNote}}',
          value: '{{prefix}}.identity',
          blank: 65,
        },
      ],
    },
    {
      type: 'labelValue',
      items: [{ label: '{{relationLabel}}: ', value: '{{prefix}}.relation', blank: 40 }],
    },
  ],
};

/** A person's identity fields; the layout is the template's (lines, or a table column). */
const person: ReusableBlock = {
  description: 'Thông tin một người (họ tên, ngày sinh, giới tính, dân tộc, quốc tịch, nơi cư trú, giấy tờ)',
  params: { who: '', birthPartial: 'false' },
  fields: [
    { key: '{{prefix}}.fullName', type: 'personName', label: 'Họ, chữ đệm, tên {{who}}' },
    {
      key: '{{prefix}}.birthDate',
      type: 'date',
      label: 'Ngày, tháng, năm sinh {{who}}',
      notAfterToday: true,
    },
    { key: '{{prefix}}.gender', type: 'gender', label: 'Giới tính {{who}}' },
    { key: '{{prefix}}.ethnicity', type: 'ethnicity', label: 'Dân tộc {{who}}' },
    { key: '{{prefix}}.nationality', type: 'nationality', label: 'Quốc tịch {{who}}' },
    {
      key: '{{prefix}}.residence',
      type: 'address',
      label: 'Nơi cư trú {{who}}',
      shownWhen: noIdentity,
      hint: 'Chỉ ghi khi không cung cấp số định danh cá nhân',
    },
    { key: '{{prefix}}.identity', type: 'identityDocument', label: 'Giấy tờ tùy thân {{who}}' },
  ],
};

/**
 * "Đề nghị cấp bản sao (n): Có ☐, Không ☐ / Số lượng: … bản" at the foot of the civil-status tờ khai.
 */
const copyRequest: ReusableBlock = {
  description: 'Đề nghị cấp bản sao: Có/Không, số lượng',
  params: { note: '6' },
  defaultPrefix: 'copies',
  fields: [
    {
      key: '{{prefix}}.wanted',
      type: 'choice',
      label: 'Đề nghị cấp bản sao',
      options: [
        { value: 'co', label: 'Có' },
        { value: 'khong', label: 'Không' },
      ],
    },
    {
      key: '{{prefix}}.count',
      type: 'number',
      label: 'Số lượng bản sao',
      integer: true,
      min: 1,
      max: 50,
      shownWhen: { field: '{{prefix}}.wanted', equals: 'co' },
      requiredWhen: { field: '{{prefix}}.wanted', equals: 'co' },
    },
  ],
  layout: [
    {
      type: 'paragraph',
      runs: [
        'Đề nghị cấp bản sao ',
        { footnote: '{{note}}' },
        ': Có ',
        { checkbox: '{{prefix}}.wanted', option: 'co' },
        ', Không ',
        { checkbox: '{{prefix}}.wanted', option: 'khong' },
      ],
    },
    { type: 'paragraph', runs: ['Số lượng: ', { value: '{{prefix}}.count', blank: 8 }, ' bản'] },
  ],
};

export const REUSABLE_BLOCKS: Readonly<Record<string, ReusableBlock>> = { requester, person, copyRequest };
