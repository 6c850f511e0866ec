import { describe, expect, it } from 'vitest';
import { moneyInWords, numberToWords } from './number-words.ts';

describe('numberToWords', () => {
  const cases: Array<[number | bigint, string]> = [
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [105, 'một trăm lẻ năm'],
    [1_005, 'một nghìn không trăm lẻ năm'],
    [2_025, 'hai nghìn không trăm hai mươi lăm'],
    [1_000_000, 'một triệu'],
    [150_000, 'một trăm năm mươi nghìn'],
    [1_234_567_890, 'một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi'],
    [1_000_000_000_000n, 'một nghìn tỷ'],
  ];
  for (const [n, words] of cases) {
    it(`reads ${n} as "${words}"`, () => {
      expect(numberToWords(n)).toBe(words);
    });
  }

  it('refuses fractions and unsafe integers', () => {
    expect(() => numberToWords(1.5)).toThrow(RangeError);
    expect(() => numberToWords(2 ** 60)).toThrow(RangeError);
  });
});

describe('moneyInWords', () => {
  it('capitalises the first letter and ends with đồng', () => {
    expect(moneyInWords(150_000)).toBe('Một trăm năm mươi nghìn đồng');
    expect(moneyInWords(0)).toBe('Không đồng');
    expect(moneyInWords(8_000n)).toBe('Tám nghìn đồng');
  });

  it('refuses a negative amount', () => {
    expect(() => moneyInWords(-5)).toThrow(RangeError);
  });
});
