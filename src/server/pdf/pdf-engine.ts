/**
 * The one pdfmake instance of the process: fonts registered once, no file or network access.
 */
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { tinosFonts } from './render-pdf.ts';

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

/** The parts of pdfkit's EmbeddedFont this module touches. */
interface EmbeddedFont {
  font: unknown;
  layoutCache?: Record<string, unknown>;
}
type EmbeddedFontClass = new (doc: unknown, font: unknown, id: string) => EmbeddedFont;

interface PdfmakeDocument {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
  getFontType(bold: boolean, italics: boolean): string;
}

/** Entries of a shared word-layout cache before it is started afresh (bounds memory on hostile input). */
const LAYOUT_CACHE_LIMIT = 20_000;

/**
 * pdfmake gives each document fresh pdfkit fonts: it parses the 500 kB TTF again with fontkit and
 * shapes every word again. Both results depend only on the font, so they are made once per process
 * and shared: the parsed font, and pdfkit's per-word layout cache. Each document still gets its own
 * EmbeddedFont, hence its own subset (only the glyphs it uses are embedded).
 */
function shareFontsAcrossDocuments(): void {
  const mod = require('pdfmake/js/PDFDocument.js') as { default: { prototype: Record<string, unknown> } };
  const proto = mod.default.prototype;
  if (proto.__kvShared) return;
  const original = proto.provideFont as (
    this: PdfmakeDocument,
    f: string,
    b: boolean,
    i: boolean,
  ) => EmbeddedFont;
  const shared = new Map<
    string,
    { Ctor: EmbeddedFontClass; font: unknown; cache: Record<string, unknown>; size: number }
  >();
  proto.provideFont = function provideFont(
    this: PdfmakeDocument,
    family: string,
    bold: boolean,
    italics: boolean,
  ) {
    const type = this.getFontType(bold, italics);
    this.fontCache[family] ??= {};
    const have = this.fontCache[family][type];
    if (have) return have;
    const key = `${family}-${type}`;
    let s = shared.get(key);
    if (!s) {
      const first = original.call(this, family, bold, italics);
      s = {
        Ctor: first.constructor as EmbeddedFontClass,
        font: first.font,
        cache: Object.create(null),
        size: 0,
      };
      shared.set(key, s);
      first.layoutCache = s.cache;
      return first;
    }
    if (Object.keys(s.cache).length > LAYOUT_CACHE_LIMIT) s.cache = Object.create(null);
    const emb = new s.Ctor(this, s.font, `F${++this._fontCount}`);
    emb.layoutCache = s.cache;
    this._fontFamilies[key] = emb;
    this.fontCache[family][type] = emb;
    return emb;
  };
  proto.__kvShared = true;
}

function createEngine(): PdfEngine {
  const pdfmake = require('pdfmake') as PdfmakeServer;
  shareFontsAcrossDocuments();
  const fonts = tinosFonts();
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
