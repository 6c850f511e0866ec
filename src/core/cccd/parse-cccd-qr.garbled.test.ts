import { describe, expect, it } from 'vitest';
import { findCapsLockDamage, findGarbledText, findTelexLeftovers } from './garbled.ts';
import { type CccdParseResult, parseCccdQr } from './parse-cccd-qr.ts';

const CARD =
  '087195001234|341234567|Nguyễn Thị Ánh Tuyết|12031995|Nữ|Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp|15042021';

function withName(name: string): string {
  return CARD.replace('Nguyễn Thị Ánh Tuyết', name);
}

function withAddress(address: string): string {
  return CARD.replace('Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp', address);
}

// Windows-1252 bytes 0x80–0x9F; the five undefined ones stay C1 controls, as Windows shows them. Node's
// TextDecoder treats windows-1252 as Latin-1, so the table is spelled out.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** UTF-8 bytes read back as Windows-1252, what a misconfigured reader or clipboard does. */
function asWindows1252(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) =>
    b >= 0x80 && b <= 0x9f ? (CP1252_80_9F[b - 0x80] ?? '') : String.fromCharCode(b),
  ).join('');
}

/** UTF-8 bytes read back as ISO-8859-1, byte for code point (C1 controls included). */
function asLatin1(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
}

function expectGarbled(r: CccdParseResult): string {
  if (r.ok) throw new Error('expected a garbled refusal, got acceptance');
  expect(r.code, r.reason).toBe('garbled');
  expect(r.reason).toMatch(/quét lại/);
  return r.reason;
}

const REAL_NAMES = [
  'Nguyễn Thị Ánh Tuyết',
  'Đặng Văn Ơn',
  'Lê Văn Lương',
  'Khuất Lưu Huy Nhật',
  'Trần Thị Ngọc Ẩn',
  'Phạm Ưng',
  'Ông Ích Khiêm',
  'Âu Dương Ngọc Ý',
  'Huỳnh Thị Ửng',
  'Lưu Thị Ưởng',
  'Võ Thị Yến',
  'Lò Văn Ỏn',
  'Nông Thị Ẻn',
  'Lê Thị Ngã',
  'ĐỖ THỊ NGÃ',
  'NGUYỄN VĂN A',
  'Ksor H’Bơ',
  "Ksor H'Bơ",
  'Y Moan Enuol',
  'H’Hen Niê',
  'Rơ Mah Phin',
  'Nay Phi La',
  'Siu H’Mai',
  'Giàng A Páo',
  'Lý A Sáng',
  'Ma Seo Chu',
  'Kim Soo Hyun',
  'Aaron Nguyễn',
  'Moon Jae',
  'James Thomas',
  'Y Jut Buôn Krông',
  'Bùi Xuân Phái',
  'Quách Thị Hường',
  'Thái Thị Oanh',
  'Nguyễn Ngọc Ngạn',
  'Lê Quý Đôn',
  'Tôn Nữ Thị Ninh',
  'Ngô Thị Huệ',
  'Phan Thị Kim Phúc',
  'Trương Mỹ Lan',
  'Hoàng Thị Ỷ Lan',
  'Lâm Văn Bình',
  'Nguyễn Thị Bé Ba',
  'Đinh Y Ngọc',
  'Bế Văn Đàn',
  'Triệu Thị Xuân',
  'Vương Đình Huệ',
  'Cao Thị Ngọc Dung',
];

const REAL_ADDRESSES = [
  'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
  'XÃ TÂN KHÁNH ĐÔNG, THÀNH PHỐ SA ĐÉC, ĐỒNG THÁP',
  'Ngã Ba Huế, phường Hòa Khánh Nam, quận Liên Chiểu, Đà Nẵng',
  'Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang',
  'Cẩm Bào, Cẩm Yên, Thạch Thất, Hà Nội',
  'Số 5 ngõ 120/34 phố Hoàng Quốc Việt, phường Nghĩa Đô, quận Cầu Giấy, Hà Nội',
  'Căn hộ 12.05 Tòa Landmark 81, 720A Điện Biên Phủ, Phường 22, Quận Bình Thạnh, TP. Hồ Chí Minh',
  'Căn 1203 tòa S2.05 Vinhomes Ocean Park, xã Đa Tốn, huyện Gia Lâm, Hà Nội',
  'Buôn Ko Sier, xã Ea Tu, thành phố Buôn Ma Thuột, Đắk Lắk',
  "Thôn 3, xã Ea H'leo, huyện Ea H'leo, Đắk Lắk",
  'Thôn Kon Rờ Bàng, xã Vinh Quang, thành phố Kon Tum, Kon Tum',
  'Bản Pác Nặm, xã Nhạn Môn, huyện Pác Nặm, Bắc Kạn',
  'Xóm 5, xã Nghi Xuân, huyện Nghi Lộc, Nghệ An',
  'Khu phố 2, phường Tân Phong, thành phố Biên Hòa, Đồng Nai',
  'K12/5 đường Hải Phòng, quận Thanh Khê, Đà Nẵng',
  'Lô B-2 Chung cư Ngô Gia Tự, Phường 1, Quận 10, TP.HCM',
  'Ấp Mỹ Hòa, xã Mỹ Xương, huyện Cao Lãnh, Đồng Tháp',
  'Thị trấn M’Đrắk, huyện M’Đrắk, Đắk Lắk',
  'Xã Cư M’gar, huyện Cư M’gar, tỉnh Đắk Lắk',
  'Thôn Đắk R’Moan, xã Quảng Thành, thành phố Gia Nghĩa, Đắk Nông',
  'Bản Huổi Lếch, xã Mường Nhé, huyện Mường Nhé, Điện Biên',
  'Số 1 Tôn Đức Thắng, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
  'Phường An Hòa, thành phố Sa Đéc, tỉnh Đồng Tháp',
  'Khóm 3 – Phường 1 – Sa Đéc – Đồng Tháp',
  'Ấp Long Hưng “A”, xã Long Hưng, huyện Châu Thành, Tiền Giang',
  'Tổ dân phố Ỷ La, phường Ỷ La, thành phố Tuyên Quang',
  'Thôn Ỏ Ỏ, xã Hữu Lũng, Lạng Sơn',
  'Khu 4, thị trấn Ea Kar, huyện Ea Kar, Đắk Lắk',
  'Xã Ia Grai, huyện Ia Grai, Gia Lai',
  'Ấp Xẻo Rô, xã Thạnh Yên, huyện U Minh Thượng, Kiên Giang',
];

describe('real names and addresses are not garbled', () => {
  it.each(REAL_NAMES)('accepts the name %s', (name) => {
    const r = parseCccdQr(withName(name));
    expect(r.ok, r.ok ? '' : r.reason).toBe(true);
    expect(parseCccdQr(withName(name.normalize('NFD'))).ok).toBe(true);
  });

  it.each(REAL_ADDRESSES)('accepts the address %s', (address) => {
    const r = parseCccdQr(withAddress(address));
    expect(r.ok, r.ok ? '' : r.reason).toBe(true);
  });
});

describe('garbled scans are refused with a rescan message', () => {
  it('refuses UTF-8 read as Windows-1252 (Nguyá»…n)', () => {
    const scan = asWindows1252(CARD);
    expect(scan).toContain('Nguyá»…n');
    expect(expectGarbled(parseCccdQr(scan))).toContain('mã hóa');
  });

  it('refuses UTF-8 read as Latin-1, with C1 control characters', () => {
    expectGarbled(parseCccdQr(asLatin1(CARD)));
  });

  it('refuses mojibake in one word only', () => {
    for (const damaged of [
      'Nguyễn Thá»‹ Ánh Tuyết',
      'Ä\u2018ặng Văn Ơn',
      'NGÃ\u201D VĂN A',
      'Phạm Æ°ng',
      'Lê VÄƒn Lương',
    ]) {
      expectGarbled(parseCccdQr(withName(damaged)));
    }
    expectGarbled(parseCccdQr(withAddress('Ãp Tân Hòa, xã Tân Khánh Äông')));
  });

  it('refuses every single Vietnamese letter turned into mojibake', () => {
    const letters = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
    for (const ch of letters + letters.toUpperCase()) {
      const r = parseCccdQr(withName(`Lê ${asWindows1252(ch)}n`));
      expect(r.ok, ch).toBe(false);
      if (!r.ok) expect(r.code, ch).toBe('garbled');
    }
  });

  it('refuses the replacement character', () => {
    expect(expectGarbled(parseCccdQr(withName('Nguy\uFFFDn Thị Ánh Tuyết')))).toContain('�');
  });

  it('refuses control and invisible characters', () => {
    for (const ch of ['\u0000', '\u0007', '\u001B', '\u0085', '\u200B', '\uFEFF']) {
      expectGarbled(parseCccdQr(withName(`Nguyễn${ch} Thị Ánh Tuyết`)));
    }
  });

  it('refuses letters lost to "?"', () => {
    expect(expectGarbled(parseCccdQr(withName('Nguy?n Th? ?nh Tuy?t')))).toContain('?');
  });

  it('refuses Alt-code damage (code page 437 symbols in place of letters)', () => {
    for (const damaged of ['Nguy╗n Thị', 'Ngu∙ên Văn A', 'Lê Ω Văn', 'Trần ñ Anh', 'Đặng Vºn Ơn']) {
      expectGarbled(parseCccdQr(withName(damaged)));
    }
  });

  it('refuses letters that Vietnamese does not use', () => {
    for (const damaged of ['Nguyễn Ðức', 'Müller Văn A', 'Нгуен Ван', '阮文', 'Lê Văn ß']) {
      expectGarbled(parseCccdQr(withName(damaged)));
    }
  });

  it('refuses a word with two tone marks (IME typed over the scanner)', () => {
    expect(expectGarbled(parseCccdQr(withName('Nguyềén Thị Ánh Tuyết')))).toContain('hai dấu thanh');
  });

  it('refuses Telex leftovers in the name', () => {
    for (const damaged of [
      'Nguyeexn Thij Anhs Tuyeets',
      'Ddawngj Vawn Own',
      'Nguyeenx Vawn A',
      'Traanf Thij Hoa',
    ]) {
      const reason = expectGarbled(parseCccdQr(withName(damaged)));
      expect(reason).toContain('Telex');
    }
  });

  it('refuses Telex leftovers in the address', () => {
    expectGarbled(parseCccdQr(withAddress('Aaps Taan Hoaf, xax Taan Khasnh Ddoong, Ddoongf Thaps')));
  });

  it('refuses a scan typed with Caps Lock on', () => {
    expect(expectGarbled(parseCccdQr(withName('nGUYỄN tHỊ áNH tUYẾT')))).toContain('Caps Lock');
  });

  it('refuses a scan typed through an AZERTY keyboard', () => {
    const azerty = CARD.replace('087195001234', 'àè&ç(_àà&é"\'');
    expect(expectGarbled(parseCccdQr(azerty))).toContain('bàn phím');
  });

  it('refuses a scan with Shift stuck on the digits', () => {
    expectGarbled(parseCccdQr(CARD.replace('087195001234', ')*&!()))!@#$')));
  });

  it('refuses a scan whose "|" came out as another character (German layout)', () => {
    expectGarbled(parseCccdQr(CARD.replaceAll('|', '#')));
    expectGarbled(parseCccdQr(CARD.replaceAll('|', "'")));
  });
});

describe('garbled helpers', () => {
  it('finds nothing in clean text', () => {
    expect(findGarbledText(CARD)).toBeUndefined();
    expect(findCapsLockDamage('Nguyễn Thị Ánh Tuyết')).toBeUndefined();
    expect(findCapsLockDamage('nguyễn thị ánh tuyết')).toBeUndefined();
    expect(findTelexLeftovers('Kim Soo Hyun', 2)).toBeUndefined();
  });

  it('reports the kind of damage', () => {
    expect(findGarbledText('Nguyá»…n')?.kind).toBe('mojibake');
    expect(findGarbledText('Nguy\uFFFDn')?.kind).toBe('replacement_char');
    expect(findGarbledText('Nguy?n')?.kind).toBe('lost_char');
    expect(findGarbledText('Ng\u0007uyen')?.kind).toBe('control_char');
    expect(findGarbledText('Ngu╗n')?.kind).toBe('foreign_char');
    expect(findTelexLeftovers('Nguyeexn', 2)?.kind).toBe('telex');
    expect(findCapsLockDamage('nGUYỄN vĂN a')?.kind).toBe('caps_lock');
  });
});
