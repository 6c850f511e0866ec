import { findCapsLockDamage, findGarbledText, findTelexLeftovers } from './garbled.ts';
import { checkIdNumber, checkOldIdNumber, type Gender } from './id-number.ts';

export type CccdDocumentKind = 'cccd' | 'the_can_cuoc';

export type CccdDocument = {
  kind: CccdDocumentKind;
  /** "Căn cước công dân" or "Thẻ căn cước", as the card names itself. */
  title: string;
  /** The issuing authority ("nơi cấp") to write on forms. */
  issuer: string;
};

export type CccdCard = {
  idNumber: string;
  oldIdNumber: string | null;
  /** NFC, single spaces, letter case as printed on the card. */
  fullName: string;
  /** ISO yyyy-mm-dd. */
  birthDate: string;
  gender: Gender;
  address: string;
  /** ISO yyyy-mm-dd. */
  issueDate: string;
  /** Fields after the seventh, in order, empty ones kept (cards issued from 01/7/2024). */
  extra: string[];
  document: CccdDocument;
  /** For the officer to look at; the scan is still accepted. */
  warnings: string[];
};

export type CccdParseErrorCode =
  | 'empty'
  | 'field_count'
  | 'bad_id'
  | 'bad_old_id'
  | 'bad_date'
  | 'bad_gender'
  | 'garbled'
  | 'too_long';

export type CccdParseResult =
  | { ok: true; value: CccdCard }
  | { ok: false; reason: string; code: CccdParseErrorCode };

export type CccdParseOptions = {
  /** ISO yyyy-mm-dd; when given, dates after it are refused. Core has no clock, so the caller passes it. */
  today?: string;
};

/** Real scans are under 300 characters; the cap keeps a pasted document from being parsed. */
export const MAX_QR_CHARS = 1000;
const BASE_FIELDS = 7;
// Cards issued from 01/7/2024 add fields after the seventh (Thông tư 16/2024/TT-BCA lists more QR content);
// the exact count is not published, so a generous ceiling is used.
const MAX_FIELDS = 16;
/** Luật Căn cước công dân 2014 took effect 01/01/2016; no CCCD was issued before. */
const FIRST_CCCD_DATE = '2016-01-01';
/** Thông tư 33/2018/TT-BCA (in force 10/10/2018) changed the issuing department on the card. */
const ISSUER_RENAMED_DATE = '2018-10-10';
/** Luật Căn cước 2023 and Thông tư 16/2024/TT-BCA: "thẻ căn cước" issued by Bộ Công an from 01/7/2024. */
const THE_CAN_CUOC_DATE = '2024-07-01';

/** The document a card issued on `issueDate` (ISO) is, and who is written as its issuer. */
export function documentForIssueDate(issueDate: string): CccdDocument {
  if (issueDate >= THE_CAN_CUOC_DATE) {
    return { kind: 'the_can_cuoc', title: 'Thẻ căn cước', issuer: 'Bộ Công an' };
  }
  if (issueDate >= ISSUER_RENAMED_DATE) {
    return {
      kind: 'cccd',
      title: 'Căn cước công dân',
      issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    };
  }
  return {
    kind: 'cccd',
    title: 'Căn cước công dân',
    issuer: 'Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư',
  };
}

function fail(code: CccdParseErrorCode, reason: string): CccdParseResult {
  return { ok: false, code, reason };
}

function quote(value: string): string {
  const chars = Array.from(value);
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : value;
}

const DDMMYYYY = /^([0-9]{2})([0-9]{2})([0-9]{4})$/;

/** ddmmyyyy → ISO yyyy-mm-dd, or undefined when it is not a calendar date. */
export function parseDdMmYyyy(value: string): string | undefined {
  const m = DDMMYYYY.exec(value);
  if (m === null) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function formatVietnameseDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function parseGender(value: string): Gender | undefined {
  const lower = value.toLowerCase();
  if (lower === 'nam') return 'male';
  if (lower === 'nữ') return 'female';
  return undefined;
}

/**
 * Parses the text of the QR code on a chip CCCD or a thẻ căn cước, as a USB scanner types it:
 * `số CCCD|số CMND cũ|họ tên|ngày sinh ddmmyyyy|giới tính|nơi thường trú|ngày cấp ddmmyyyy[|more…]`.
 * Expected failures are values: every refusal carries a code and a short Vietnamese reason for the officer.
 */
export function parseCccdQr(text: string, opts: CccdParseOptions = {}): CccdParseResult {
  if (typeof text !== 'string') return fail('empty', 'Chưa có dữ liệu quét từ mã QR trên thẻ');
  if (text.length > MAX_QR_CHARS) {
    return fail(
      'too_long',
      `Dữ liệu quét quá dài (hơn ${MAX_QR_CHARS} ký tự), không phải mã QR trên thẻ CCCD`,
    );
  }
  const whole = text.normalize('NFC').trim();
  if (whole === '') return fail('empty', 'Chưa có dữ liệu quét từ mã QR trên thẻ');

  const garbled = findGarbledText(whole);
  if (garbled !== undefined) return fail('garbled', garbled.reason);

  if (/[\r\n]\s*[0-9]{12}\s*\|/.test(whole)) {
    return fail('field_count', 'Thẻ bị quét hai lần liền nhau. Xóa ô nhập rồi quét lại một lần');
  }

  const fields = whole.split('|').map((f) => f.replace(/\s+/gu, ' ').trim());
  if (fields.length < BASE_FIELDS || fields.length > MAX_FIELDS) {
    return fail(
      'field_count',
      `Không phải mã QR trên thẻ CCCD: cần ít nhất ${BASE_FIELDS} trường ngăn cách bởi «|», dữ liệu có ${fields.length}`,
    );
  }
  const [
    rawId = '',
    rawOldId = '',
    fullName = '',
    rawBirth = '',
    rawGender = '',
    address = '',
    rawIssue = '',
  ] = fields;

  const damage =
    findCapsLockDamage(fullName) ?? findTelexLeftovers(fullName, 2) ?? findTelexLeftovers(address, 3);
  if (damage !== undefined) return fail('garbled', damage.reason);

  const idCheck = checkIdNumber(rawId);
  if (!idCheck.ok) {
    return fail('bad_id', `Số CCCD «${quote(rawId)}» không hợp lệ: ${idCheck.error ?? 'cần 12 chữ số'}`);
  }

  let oldIdNumber: string | null = null;
  if (rawOldId !== '') {
    const oldCheck = checkOldIdNumber(rawOldId);
    if (!oldCheck.ok) {
      return fail('bad_old_id', `Số CMND cũ «${quote(rawOldId)}» không hợp lệ: cần 9 hoặc 12 chữ số`);
    }
    oldIdNumber = rawOldId;
  }

  if (fullName === '') return fail('empty', 'Họ tên trong mã QR bị trống, vui lòng quét lại hoặc nhập tay');

  const birthDate = parseDdMmYyyy(rawBirth);
  if (birthDate === undefined) {
    return fail(
      'bad_date',
      `Ngày sinh «${quote(rawBirth)}» không phải ngày hợp lệ (cần dạng ngàythángnăm, ví dụ 05091990)`,
    );
  }
  if (birthDate < '1900-01-01') {
    return fail('bad_date', `Ngày sinh ${formatVietnameseDate(birthDate)} không hợp lệ (trước năm 1900)`);
  }

  const gender = parseGender(rawGender);
  if (gender === undefined) {
    return fail('bad_gender', `Giới tính «${quote(rawGender)}» không rõ (cần «Nam» hoặc «Nữ»)`);
  }

  const issueDate = parseDdMmYyyy(rawIssue);
  if (issueDate === undefined) {
    return fail(
      'bad_date',
      `Ngày cấp «${quote(rawIssue)}» không phải ngày hợp lệ (cần dạng ngàythángnăm, ví dụ 15042021)`,
    );
  }
  if (issueDate < FIRST_CCCD_DATE) {
    return fail(
      'bad_date',
      `Ngày cấp ${formatVietnameseDate(issueDate)} không hợp lệ (thẻ CCCD chỉ cấp từ 01/01/2016)`,
    );
  }
  if (issueDate < birthDate) {
    return fail(
      'bad_date',
      `Ngày cấp ${formatVietnameseDate(issueDate)} trước ngày sinh ${formatVietnameseDate(birthDate)}`,
    );
  }
  if (opts.today !== undefined) {
    if (birthDate > opts.today) {
      return fail('bad_date', `Ngày sinh ${formatVietnameseDate(birthDate)} ở tương lai`);
    }
    if (issueDate > opts.today) {
      return fail('bad_date', `Ngày cấp ${formatVietnameseDate(issueDate)} ở tương lai`);
    }
  }

  const crossCheck = checkIdNumber(rawId, { birthDate, gender });
  return {
    ok: true,
    value: {
      idNumber: rawId,
      oldIdNumber,
      fullName,
      birthDate,
      gender,
      address,
      issueDate,
      extra: fields.slice(BASE_FIELDS),
      document: documentForIssueDate(issueDate),
      warnings: crossCheck.warnings,
    },
  };
}
