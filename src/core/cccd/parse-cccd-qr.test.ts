import { describe, expect, it } from 'vitest';
import { type CccdParseResult, documentForIssueDate, parseCccdQr, parseDdMmYyyy } from './parse-cccd-qr.ts';

// Real-shaped scans (invented people): a chip CCCD of 2021 with a 9-digit CMND, one with the CMND empty,
// and a thẻ căn cước of 2024 with the newer trailing fields.
const OLD_CARD =
  '087195001234|341234567|Nguyễn Thị Ánh Tuyết|12031995|Nữ|Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp|15042021';
const NO_CMND =
  '079203001234||Đặng Văn Ơn|05092003|Nam|Số 12/3A Nguyễn Trãi, Phường 2, Quận 5, TP. Hồ Chí Minh|20082021';
const NEW_CARD =
  '089304012345||Lê Ngọc Hân|01012004|Nữ|Phường Mỹ Xuyên, thành phố Long Xuyên, An Giang|10082024|||';

function accepted(r: CccdParseResult) {
  if (!r.ok) throw new Error(`expected acceptance, got ${r.code}: ${r.reason}`);
  return r.value;
}

function refused(r: CccdParseResult) {
  if (r.ok) throw new Error('expected refusal');
  return r;
}

describe('parseCccdQr on good scans', () => {
  it('reads every field of a chip CCCD', () => {
    expect(accepted(parseCccdQr(OLD_CARD))).toEqual({
      idNumber: '087195001234',
      oldIdNumber: '341234567',
      fullName: 'Nguyễn Thị Ánh Tuyết',
      birthDate: '1995-03-12',
      gender: 'female',
      address: 'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
      issueDate: '2021-04-15',
      extra: [],
      document: {
        kind: 'cccd',
        title: 'Căn cước công dân',
        issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
      },
      warnings: [],
    });
  });

  it('turns an empty CMND field into null', () => {
    const card = accepted(parseCccdQr(NO_CMND));
    expect(card.oldIdNumber).toBeNull();
    expect(card.fullName).toBe('Đặng Văn Ơn');
    expect(card.gender).toBe('male');
  });

  it('keeps the empty trailing fields of a newer card in place and names it a thẻ căn cước', () => {
    const card = accepted(parseCccdQr(NEW_CARD));
    expect(card.extra).toEqual(['', '', '']);
    expect(card.document).toEqual({ kind: 'the_can_cuoc', title: 'Thẻ căn cước', issuer: 'Bộ Công an' });
  });

  it('keeps non-empty extra fields in order', () => {
    const card = accepted(parseCccdQr(`${NO_CMND}|Đặng Văn Tư||Lê Thị Năm`));
    expect(card.extra).toEqual(['Đặng Văn Tư', '', 'Lê Thị Năm']);
  });

  it('accepts the Enter a USB scanner sends, CRLF and stray whitespace around fields', () => {
    const messy = ` \t087195001234 | 341234567 |  Nguyễn   Thị Ánh  Tuyết |12031995| Nữ |Ấp Tân Hòa,  xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp\r\n|15042021\r\n`;
    expect(accepted(parseCccdQr(messy))).toEqual(accepted(parseCccdQr(OLD_CARD)));
    expect(accepted(parseCccdQr(`${OLD_CARD}\n`)).fullName).toBe('Nguyễn Thị Ánh Tuyết');
  });

  it('returns NFC text when the scan arrives decomposed (NFD)', () => {
    const card = accepted(parseCccdQr(OLD_CARD.normalize('NFD')));
    expect(card.fullName).toBe('Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
    expect(card.address).toBe(card.address.normalize('NFC'));
  });

  it('keeps the letter case the card prints', () => {
    const card = accepted(parseCccdQr(OLD_CARD.replace('Nguyễn Thị Ánh Tuyết', 'NGUYỄN THỊ ÁNH TUYẾT')));
    expect(card.fullName).toBe('NGUYỄN THỊ ÁNH TUYẾT');
  });

  it('accepts gender written in capitals', () => {
    expect(accepted(parseCccdQr(OLD_CARD.replace('|Nữ|', '|NỮ|'))).gender).toBe('female');
  });

  it('accepts a 12-digit old CMND', () => {
    expect(accepted(parseCccdQr(OLD_CARD.replace('341234567', '025123456789'))).oldIdNumber).toBe(
      '025123456789',
    );
  });

  it('accepts an empty address', () => {
    expect(accepted(parseCccdQr('079203001234||Đặng Văn Ơn|05092003|Nam||20082021')).address).toBe('');
  });

  it('warns when the ID number disagrees with the date of birth and gender', () => {
    const card = accepted(parseCccdQr(OLD_CARD.replace('087195001234', '087094001234')));
    expect(card.warnings).toEqual([
      'Số CCCD cho năm sinh 1994, khác năm sinh 1995 đã nhập — kiểm tra lại số CCCD hoặc ngày sinh',
      'Số CCCD cho giới tính Nam, khác giới tính Nữ đã nhập — kiểm tra lại',
    ]);
  });

  it('warns about an unknown province code', () => {
    const card = accepted(parseCccdQr(OLD_CARD.replace('087195001234', '003195001234')));
    expect(card.warnings).toEqual([
      'Mã nơi đăng ký khai sinh (003) của số CCCD không có trong danh mục mã tỉnh',
    ]);
  });
});

describe('parseCccdQr refusals', () => {
  it('refuses empty input', () => {
    expect(refused(parseCccdQr('')).code).toBe('empty');
    expect(refused(parseCccdQr(' \r\n\t')).code).toBe('empty');
  });

  it('refuses input over the length cap', () => {
    expect(refused(parseCccdQr(`${OLD_CARD}|${'a'.repeat(1000)}`)).code).toBe('too_long');
  });

  it('refuses too few fields, saying how many there are', () => {
    const r = refused(parseCccdQr('087195001234|341234567|Nguyễn Thị Ánh Tuyết|12031995|Nữ|Sa Đéc'));
    expect(r.code).toBe('field_count');
    expect(r.reason).toContain('có 6');
  });

  it('refuses a text that is not a card QR at all', () => {
    expect(refused(parseCccdQr('https://dichvucong.gov.vn')).code).toBe('field_count');
  });

  it('refuses two scans run together', () => {
    expect(refused(parseCccdQr(`${OLD_CARD}\r\n${NO_CMND}`)).code).toBe('field_count');
  });

  it('refuses an ID number that is not 12 digits', () => {
    for (const id of ['08719500123', '0871950012345', '08719500123O', '']) {
      const r = refused(parseCccdQr(OLD_CARD.replace('087195001234', id)));
      expect(r.code, id).toBe('bad_id');
      expect(r.reason).toContain('Số CCCD');
    }
  });

  it('refuses a malformed old CMND', () => {
    expect(refused(parseCccdQr(OLD_CARD.replace('341234567', '34123456'))).code).toBe('bad_old_id');
  });

  it('refuses an empty name', () => {
    const r = refused(parseCccdQr(OLD_CARD.replace('Nguyễn Thị Ánh Tuyết', '  ')));
    expect(r.code).toBe('empty');
    expect(r.reason).toContain('Họ tên');
  });

  it('refuses dates that are not on the calendar', () => {
    for (const d of ['31022000', '29022001', '00012000', '15132000', '1203199', '12-03-1995', '']) {
      const r = refused(parseCccdQr(OLD_CARD.replace('12031995', d)));
      expect(r.code, d).toBe('bad_date');
      expect(r.reason).toContain('Ngày sinh');
    }
  });

  it('accepts 29 February in a leap year', () => {
    expect(accepted(parseCccdQr(NO_CMND.replace('05092003', '29022000'))).birthDate).toBe('2000-02-29');
  });

  it('refuses an issue date before the CCCD existed, before birth, or in the future', () => {
    expect(refused(parseCccdQr(OLD_CARD.replace('15042021', '31122015'))).code).toBe('bad_date');
    expect(refused(parseCccdQr(NO_CMND.replace('20082021', '01022003'))).code).toBe('bad_date');
    const future = refused(parseCccdQr(OLD_CARD, { today: '2021-04-14' }));
    expect(future).toMatchObject({ code: 'bad_date' });
    expect(future.reason).toContain('tương lai');
  });

  it('refuses an unknown gender', () => {
    for (const g of ['', 'Nu', 'N', 'Male', 'Khác']) {
      const r = refused(parseCccdQr(OLD_CARD.replace('|Nữ|', `|${g}|`)));
      expect(r.code, g).toBe('bad_gender');
      expect(r.reason).toContain('Giới tính');
    }
  });
});

describe('documentForIssueDate', () => {
  it('names the issuer by the date the card was issued', () => {
    expect(documentForIssueDate('2016-05-01').issuer).toBe('Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư');
    expect(documentForIssueDate('2018-10-09').issuer).toBe('Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư');
    expect(documentForIssueDate('2018-10-10').issuer).toBe(
      'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    );
    expect(documentForIssueDate('2024-06-30')).toMatchObject({ kind: 'cccd', title: 'Căn cước công dân' });
    expect(documentForIssueDate('2024-07-01')).toEqual({
      kind: 'the_can_cuoc',
      title: 'Thẻ căn cước',
      issuer: 'Bộ Công an',
    });
  });
});

describe('parseDdMmYyyy', () => {
  it('converts a calendar date and refuses others', () => {
    expect(parseDdMmYyyy('01012024')).toBe('2024-01-01');
    expect(parseDdMmYyyy('29021900')).toBeUndefined();
    expect(parseDdMmYyyy('31042020')).toBeUndefined();
    expect(parseDdMmYyyy('1012024')).toBeUndefined();
  });
});
