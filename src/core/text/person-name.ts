import { collapseSpaces, nfc } from './normalize.ts';

function capitalizeWord(word: string): string {
  // Capitalise after a hyphen or apostrophe too, as in the Ê Đê and Gia Rai names "H'Hen", "Y-Moan".
  return word
    .toLocaleLowerCase('vi')
    .replace(/(^|['’-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toLocaleUpperCase('vi'));
}

/** NFC, single spaces, each word capitalised: "nguyễn  văn AN" → "Nguyễn Văn An". */
export function normalizePersonName(s: string): string {
  return collapseSpaces(s).split(' ').map(capitalizeWord).join(' ');
}

/** A name in capitals, as on ID cards and form headings: "Nguyễn Thị Ánh" → "NGUYỄN THỊ ÁNH". */
export function upperName(s: string): string {
  return nfc(collapseSpaces(s).toLocaleUpperCase('vi'));
}

/**
 * The name as shown on the public tracking page: in each word the first letter is kept and every
 * further letter becomes one "*"; non-letters (hyphen, apostrophe) are kept; words stay separated
 * by one space. "Nguyễn Văn An" → "N***** V** A*". Letters are counted in NFC, so "ễ" is one.
 */
export function maskName(s: string): string {
  return normalizePersonName(s)
    .split(' ')
    .map((word) => {
      let first = true;
      return Array.from(word)
        .map((ch) => {
          if (!/\p{L}/u.test(ch)) return ch;
          if (first) {
            first = false;
            return ch;
          }
          return '*';
        })
        .join('');
    })
    .join(' ');
}
