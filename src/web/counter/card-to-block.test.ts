import { describe, expect, it } from 'vitest';
import type { CccdParsed } from '../../core/api/cccd.ts';
import { cardToBlock, describeValue } from './card-to-block.ts';

const card: CccdParsed = {
  idNumber: '087195001234',
  oldIdNumber: '341234567',
  fullName: 'Nguyễn Thị Ánh Tuyết',
  birthDate: '1995-03-12',
  gender: 'female',
  address: 'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
  issueDate: '2021-04-15',
  document: {
    kind: 'cccd',
    title: 'Căn cước công dân',
    issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
  },
  warnings: [],
};

describe('a scanned card as a person block', () => {
  it('fills name, birth date, gender, the identity document and the converted residence', () => {
    const residence = {
      detail: 'Ấp Tân Hòa',
      commune: { code: '29905', name: 'Phường Sa Đéc' },
      province: { code: '82', name: 'Tỉnh Đồng Tháp' },
      text: 'Ấp Tân Hòa, Phường Sa Đéc, Tỉnh Đồng Tháp',
    };
    expect(cardToBlock(card, residence)).toEqual({
      fullName: 'Nguyễn Thị Ánh Tuyết',
      birthDate: '12/03/1995',
      gender: 'Nữ',
      identity: {
        kind: 'cccd',
        number: '087195001234',
        issuedOn: '15/04/2021',
        issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
      },
      residence,
    });
  });

  it('writes a new card as a thẻ căn cước and leaves out an empty residence', () => {
    const block = cardToBlock(
      {
        ...card,
        gender: 'male',
        issueDate: '2024-08-01',
        document: { kind: 'the_can_cuoc', title: 'Thẻ căn cước', issuer: 'Bộ Công an' },
      },
      { text: '' },
    );
    expect(block.gender).toBe('Nam');
    expect(block.identity).toMatchObject({
      kind: 'theCanCuoc',
      issuer: 'Bộ Công an',
      issuedOn: '01/08/2024',
    });
    expect('residence' in block).toBe(false);
  });
});

describe('an earlier value in one line', () => {
  it('describes identity documents, addresses and dates', () => {
    expect(
      describeValue({ kind: 'cccd', number: '087195001234', issuedOn: '2021-04-15', issuer: 'Bộ Công an' }),
    ).toBe('Căn cước công dân số 087195001234, cấp ngày 15/04/2021, Bộ Công an');
    expect(
      describeValue({
        detail: 'Ấp 1',
        commune: { code: '1', name: 'Xã A' },
        province: { code: '2', name: 'Tỉnh B' },
      }),
    ).toBe('Ấp 1, Xã A, Tỉnh B');
    expect(describeValue('1995-03-12')).toBe('12/03/1995');
    expect(describeValue(undefined)).toBe('');
  });
});
