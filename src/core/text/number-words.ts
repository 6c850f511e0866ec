import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

/**
 * Reading choices (see docs/CALENDAR.md §6): "nghìn" and "tỷ" as in legal
 * texts, "lẻ" for a zero tens digit (101 → "một trăm lẻ một", the Southern usage of the
 * Đồng Tháp desks), "mốt"/"tư"/"lăm" after a tens word (21 "hai mươi mốt", 24 "hai mươi tư",
 * 25 "hai mươi lăm").
 */
function readingConfig(): ReadingConfig {
  const config = new ReadingConfig();
  config.unit = [];
  config.units = [[], ['nghìn'], ['triệu'], ['tỷ']];
  return config;
}

const CONFIG = readingConfig();

function toBigInt(n: number | bigint): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) throw new RangeError(`Only whole numbers can be read, got ${n}`);
  return BigInt(n);
}

/** A whole number in Vietnamese words, lower case: 1_234 → "một nghìn hai trăm ba mươi tư". */
export function numberToWords(n: number | bigint): string {
  return doReadNumber(toBigInt(n), CONFIG).trim();
}

/** Upper-cases the first letter only. */
export function capitalizeFirst(s: string): string {
  const [first = '', ...rest] = Array.from(s);
  return first.toLocaleUpperCase('vi') + rest.join('');
}

/** An amount of money in words, as written on receipts: 150_000 → "Một trăm năm mươi nghìn đồng". */
export function moneyInWords(n: number | bigint): string {
  const value = toBigInt(n);
  if (value < 0n) throw new RangeError(`An amount of money cannot be negative, got ${n}`);
  return `${capitalizeFirst(numberToWords(value))} đồng`;
}
