/**
 * The one pdfmake instance of the process: fonts registered once, no file or network access.
 */
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { attachFixedSubset, type PdfkitFont, shareParsedFonts } from './shared-fonts.ts';
import { tinosFonts } from './tinos.ts';

const require = createRequire(import.meta.url);

interface PdfmakeServer {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(def: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

interface FontkitFont {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

export interface PdfEngine {
  render(def: TDocumentDefinitions): Promise<Buffer>;
  /** Width in points of a text in Tinos. */
  measure(text: string, size: number, bold: boolean): number;
}

let engine: PdfEngine | undefined;

/** The part of pdfkit's EmbeddedFont this module touches. */
export interface EmbeddedFont {
  layoutCache?: Record<string, unknown>;
  kvSharedLayout?: boolean;
}

interface PdfmakeDocument {
  getFontType(bold: boolean, italics: boolean): string;
}

/** Words in a shared layout cache before it is started afresh (bounds memory on hostile input). */
const LAYOUT_CACHE_LIMIT = 20_000;

/**
 * pdfkit shapes text word by word with fontkit (GSUB/GPOS: Vietnamese stacks marks) and caches the
 * result per font object, that is per document. Shaping depends only on the font file and the word,
 * so the cache is shared by all documents of the process: most words of a form recur in every
 * document. Each document still gets its own pdfkit font (widths, ToUnicode map); see shared-fonts.ts
 * for the parsed font and the subset, which are shared too.
 *
 * Sharing one parsed fontkit font outright (glyph cache and shaping engine included) breaks the text
 * layer of later documents ("SÁU" extracted as "SÁ", letters out of order): pdf-engine.test.ts
 * renders documents in sequence and at once to catch that.
 */
function shareLayoutCacheAcrossDocuments(): void {
  const mod = require('pdfmake/js/PDFDocument.js') as { default: { prototype: Record<string, unknown> } };
  const proto = mod.default.prototype;
  if (proto.__kvSharedLayout) return;
  const original = proto.provideFont as (
    this: PdfmakeDocument,
    f: string,
    b: boolean,
    i: boolean,
  ) => EmbeddedFont;
  proto.provideFont = function provideFont(
    this: PdfmakeDocument,
    family: string,
    bold: boolean,
    italics: boolean,
  ) {
    const emb = original.call(this, family, bold, italics);
    // pdfmake asks for the font of every inline it measures: wire a document's font once (counting a
    // 20 000-word cache on every call was a quarter of the render time).
    if (!emb.kvSharedLayout) wireDocumentFont(emb, `${family}-${this.getFontType(bold, italics)}`);
    return emb;
  };
  proto.__kvSharedLayout = true;
}

const layoutCaches = new Map<string, Record<string, unknown>>();

/**
 * Gives a document's pdfkit font (`key` names its family and style) the process-wide shaping cache
 * and the fixed subset of shared-fonts.ts. Call once per font, before it lays out any text.
 */
export function wireDocumentFont(emb: EmbeddedFont, key: string): void {
  let cache = layoutCaches.get(key);
  if (!cache || Object.keys(cache).length > LAYOUT_CACHE_LIMIT) {
    cache = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(key, cache);
  }
  emb.layoutCache = cache;
  emb.kvSharedLayout = true;
  attachFixedSubset(emb as unknown as PdfkitFont);
}

function createEngine(): PdfEngine {
  const pdfmake = require('pdfmake') as PdfmakeServer;
  shareLayoutCacheAcrossDocuments();
  const fonts = tinosFonts();
  shareParsedFonts(require('fontkit') as Parameters<typeof shareParsedFonts>[0], Object.values(fonts));
  const names: Record<string, string> = {};
  for (const [style, buf] of Object.entries(fonts)) {
    const name = `Tinos-${style}.ttf`;
    pdfmake.virtualfs.writeFileSync(name, buf);
    names[style] = name;
  }
  pdfmake.setFonts({ Tinos: names });
  // Documents are built from our own model only: no URL fetches, no local files.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  const fontkit = require('fontkit') as { create(buf: Buffer): FontkitFont };
  const regular = fontkit.create(fonts.normal);
  const bold = fontkit.create(fonts.bold);
  return {
    render: (def) => pdfmake.createPdf(def).getBuffer(),
    measure(text, size, isBold) {
      const f = isBold ? bold : regular;
      return (f.layout(text).advanceWidth / f.unitsPerEm) * size;
    },
  };
}

export function getPdfEngine(): PdfEngine {
  engine ??= createEngine();
  return engine;
}
