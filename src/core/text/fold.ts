import { collapseSpaces } from './normalize.ts';

/**
 * Lower-case, without diacritics, đ → d: the form used for diacritics-insensitive search
 * ("Phường Sa Đéc" → "phuong sa dec"). Works on NFC and NFD input alike.
 */
export function foldVietnamese(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().normalize('NFC');
}

/** Folded words of a text: letters and digits only, so punctuation never blocks a match. */
function foldedWords(s: string): string[] {
  return collapseSpaces(foldVietnamese(s).replace(/[^\p{L}\p{N}]+/gu, ' '))
    .split(' ')
    .filter((w) => w.length > 0);
}

/**
 * Whether every word of the query occurs somewhere in the haystack, in any order, ignoring case
 * and diacritics ("sa dec" matches "Phường Sa Đéc"). An empty query matches everything.
 */
export function matchesQuery(haystack: string, query: string): boolean {
  const words = foldedWords(query);
  if (words.length === 0) return true;
  const text = foldedWords(haystack).join(' ');
  return words.every((w) => text.includes(w));
}

/**
 * A ranking score for a match, 0 when matchesQuery is false. Per query word: 3 if it equals a word
 * of the haystack, 2 if it starts one, 1 if it is only inside one; plus 2 if the whole query
 * starts the haystack, plus 1 if the query words appear in order. Higher is better.
 */
export function scoreMatch(haystack: string, query: string): number {
  const words = foldedWords(query);
  if (words.length === 0) return 0;
  const hayWords = foldedWords(haystack);
  const text = hayWords.join(' ');
  let score = 0;
  for (const w of words) {
    if (hayWords.includes(w)) score += 3;
    else if (hayWords.some((h) => h.startsWith(w))) score += 2;
    else if (text.includes(w)) score += 1;
    else return 0;
  }
  const phrase = words.join(' ');
  if (text.startsWith(phrase)) score += 2;
  let cursor = 0;
  let inOrder = true;
  for (const w of words) {
    const at = text.indexOf(w, cursor);
    if (at < 0) {
      inOrder = false;
      break;
    }
    cursor = at + w.length;
  }
  if (inOrder && words.length > 1) score += 1;
  return score;
}
