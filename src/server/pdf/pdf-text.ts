/**
 * Text of a PDF via poppler's pdftotext (tests, the parity check and the bench use it).
 */
import { execFileSync } from 'node:child_process';

export function pdfToText(pdf: Buffer, layout = false): string {
  const args = [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'];
  return execFileSync('pdftotext', args, { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

/** Text of static HTML: the style sheet dropped, inline tags removed, block tags as line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<\/?(span|b|i|em|strong)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, '\n')
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/**
 * Words for the parity check:
 * - NFC, whitespace-split: line breaks differ between a browser and the PDF, words do not;
 * - dotted blanks (runs of "." or "…") removed: how many dots fit on a line is layout, not content;
 * - the check-box glyphs "□" and "×" made words of their own (pdftotext may glue them to a
 *   neighbour, since the × is drawn over the box);
 * - sorted, so the comparison is of the multiset of words: pdftotext's reading order across
 *   side-by-side columns (agency header, two signatures) is a heuristic, not the document's order.
 */
export function parityWords(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/\.{2,}|…+/g, ' ')
    .replace(/[□×☐☒]/g, (c) => ` ${c === '☐' ? '□' : c === '☒' ? '□ ×' : c} `)
    .split(/\s+/)
    .filter((w) => w !== '')
    .sort();
}
