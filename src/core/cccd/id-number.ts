import { findProvinceByCode } from './province-codes.ts';

export type Gender = 'male' | 'female';

export type IdNumberCheck = {
  /** false only when the number cannot be a personal ID number at all (not 12 digits). */
  ok: boolean;
  error?: string;
  /** Shown to the officer; never a reason to refuse, because numbers get reissued and typos happen on forms. */
  warnings: string[];
  provinceCode?: string;
  /** Name in Phụ lục I (pre-2025 province), when the code is in the list. */
  provinceName?: string;
  /** Century of birth as Vietnamese counts it: 20 = 1900–1999 ("thế kỷ 20"), 21 = 2000–2099, ... */
  century?: number;
  birthYear?: number;
  gender?: Gender;
};

export type IdNumberCheckOptions = {
  /** ISO yyyy-mm-dd, to cross-check digits 4–6. */
  birthDate?: string;
  gender?: Gender;
};

const TWELVE_DIGITS = /^[0-9]{12}$/;
const ISO_YEAR = /^([0-9]{4})-[0-9]{2}-[0-9]{2}$/;

/**
 * Checks a 12-digit personal ID number (số định danh cá nhân = số CCCD / số thẻ căn cước):
 * PPP province-of-birth code, G century and sex, YY birth year, 6 random digits
 * (Nghị định 137/2015/NĐ-CP Điều 13; Thông tư 07/2016/TT-BCA Điều 7, kept by Thông tư 59/2021/TT-BCA).
 * There is no check digit in the law, so none is checked.
 */
export function checkIdNumber(id: string, opts: IdNumberCheckOptions = {}): IdNumberCheck {
  const value = id.trim();
  if (value === '') return { ok: false, error: 'Số CCCD không được để trống', warnings: [] };
  if (!TWELVE_DIGITS.test(value)) {
    return { ok: false, error: 'Số CCCD phải có đúng 12 chữ số', warnings: [] };
  }

  const warnings: string[] = [];
  const provinceCode = value.slice(0, 3);
  const province = findProvinceByCode(provinceCode);
  if (province === undefined) {
    // Births registered abroad carry a country code (Phụ lục II), which we could not obtain: warn, accept.
    warnings.push(`Mã nơi đăng ký khai sinh (${provinceCode}) của số CCCD không có trong danh mục mã tỉnh`);
  }

  const centuryDigit = Number(value[3]);
  const centuryStart = 1900 + 100 * Math.floor(centuryDigit / 2);
  const birthYear = centuryStart + Number(value.slice(4, 6));
  const gender: Gender = centuryDigit % 2 === 0 ? 'male' : 'female';

  if (opts.birthDate !== undefined) {
    const m = ISO_YEAR.exec(opts.birthDate);
    if (m?.[1] !== undefined && Number(m[1]) !== birthYear) {
      warnings.push(
        `Số CCCD cho năm sinh ${birthYear}, khác năm sinh ${m[1]} đã nhập — kiểm tra lại số CCCD hoặc ngày sinh`,
      );
    }
  }
  if (opts.gender !== undefined && opts.gender !== gender) {
    warnings.push(
      `Số CCCD cho giới tính ${genderLabel(gender)}, khác giới tính ${genderLabel(opts.gender)} đã nhập — kiểm tra lại`,
    );
  }

  return {
    ok: true,
    warnings,
    provinceCode,
    ...(province === undefined ? {} : { provinceName: province.name }),
    century: centuryStart / 100 + 1,
    birthYear,
    gender,
  };
}

export type OldIdNumberCheck = {
  ok: boolean;
  error?: string;
  /** 9: the classic CMND; 12: the 12-digit CMND of Thông tư 27/2012/TT-BCA (from 01/7/2012 until the CCCD). */
  digits?: 9 | 12;
};

const NINE_DIGITS = /^[0-9]{9}$/;

/**
 * Checks an old people's ID number (số CMND). Two kinds were issued: the 9-digit one (Quyết định
 * 998/2001/QĐ-BCA form), and a 12-digit one (Thông tư 27/2012/TT-BCA, in force 01/7/2012, issued where the
 * provinces were ready, until the CCCD replaced it from 2016). Neither has a documented check digit or a
 * structure we can rely on, so only the shape is checked.
 */
export function checkOldIdNumber(id: string): OldIdNumberCheck {
  const value = id.trim();
  if (value === '') return { ok: false, error: 'Số CMND không được để trống' };
  if (NINE_DIGITS.test(value)) return { ok: true, digits: 9 };
  if (TWELVE_DIGITS.test(value)) return { ok: true, digits: 12 };
  return { ok: false, error: 'Số CMND phải có 9 hoặc 12 chữ số' };
}

export function genderLabel(gender: Gender): string {
  return gender === 'male' ? 'Nam' : 'Nữ';
}
