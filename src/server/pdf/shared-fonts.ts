/**
 * Font work done once per process instead of once per document. Profiling a 2-page form showed a
 * fifth of the time in parsing the TTF and a third in subsetting and compressing it for embedding.
 *
 * 1. The parsed font (tables: cmap, hmtx, GSUB/GPOS, loca, glyf offsets) is shared. Each document
 *    gets a view of it (`Object.create`) with its own glyph cache and its own shaping engine: fontkit
 *    keeps per-run state on those (sharing them too made pdftotext read letters out of order), while
 *    the decoded tables are read-only.
 * 2. Each style is subset once to a fixed set of glyphs that covers Vietnamese (and Latin, the
 *    punctuation and symbols of the forms), compressed once, and embedded as is. The pdfkit font of a
 *    document keeps its own widths and ToUnicode map, filled as it encodes its text, so the text layer
 *    stays the document's own. A document that needs a glyph outside the set falls back to the
 *    ordinary subset, seeded with the fixed glyphs in the same order so ids already written stay valid.
 *    When every glyph a document drew stands for its ordinary code point, its ToUnicode map equals
 *    the fixed one, which is compressed once too.
 *
 * fontkit and pdfkit have no hooks for either; the seams used are fontkit's format registry and the
 * fields of pdfkit's EmbeddedFont (pinned versions: pdfmake 0.3 → pdfkit 0.17, fontkit 2).
 */
import { deflateSync } from 'node:zlib';

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
  _decode(): { numberOfContours: number; components?: { glyphID: number }[] } | null;
}

interface Subset {
  glyphs: number[];
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

export interface ParsedFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): Glyph;
  getGlyph(id: number): Glyph;
  layout(text: string): { glyphs: Glyph[]; advanceWidth: number };
  createSubset(): Subset;
}

interface FontkitModule {
  create(buf: Uint8Array): ParsedFont;
  registerFormat(format: unknown): void;
}

interface FontFormat {
  probe(buf: Uint8Array): boolean;
  kvShared?: boolean;
}

/** The part of pdfkit's EmbeddedFont (and its document) this module touches. */
export interface PdfkitFont {
  font: ParsedFont;
  subset: Subset;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  scale: number;
  document: { compress: boolean; ref(data?: Record<string, unknown>): PdfkitRef };
  embed(): unknown;
  toUnicodeCmap(): PdfkitRef;
}

interface PdfkitRef {
  end(data?: string | Uint8Array): void;
}

const sharedOf = new WeakMap<object, ParsedFont>();
const parsedFonts = new Map<Uint8Array, ParsedFont>();

/** A per-document view of a shared parsed font: its own glyph cache, the decoded tables shared. */
function viewOf(shared: ParsedFont): ParsedFont {
  const view = Object.create(shared, { _glyphs: { value: {}, writable: true } }) as ParsedFont;
  sharedOf.set(view, shared);
  return view;
}

/**
 * A per-document view of the font parsed from `buffer` by `shareParsedFonts`, without going through
 * fontkit.create (which probes every format on the buffer, a DFont header decode included).
 */
export function sharedFontView(buffer: Uint8Array): ParsedFont | undefined {
  const shared = parsedFonts.get(buffer);
  return shared ? viewOf(shared) : undefined;
}

/**
 * Makes fontkit return a per-document view of one parsed font whenever pdfkit opens one of `buffers`.
 * The TrueType format is told to pass on these buffers, and a format registered after it answers.
 */
export function shareParsedFonts(fontkit: FontkitModule, buffers: readonly Uint8Array[]): void {
  for (const b of buffers) if (!parsedFonts.has(b)) parsedFonts.set(b, fontkit.create(b));
  const first = parsedFonts.values().next().value;
  if (!first) return;
  const trueType = (first as unknown as { constructor: FontFormat }).constructor;
  if (trueType.kvShared) return;
  const probe = trueType.probe.bind(trueType);
  trueType.probe = (buf) => !parsedFonts.has(buf) && probe(buf);
  trueType.kvShared = true;
  // A constructor that returns an object makes `new` return that object.
  function SharedFontView(this: unknown, stream: { buffer: Uint8Array }): ParsedFont {
    const view = sharedFontView(stream.buffer);
    if (!view) throw new Error('SharedFontView asked for a font it does not hold');
    return view;
  }
  SharedFontView.probe = (buf: Uint8Array) => parsedFonts.has(buf);
  fontkit.registerFormat(SharedFontView);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * What Vietnamese forms print: ASCII, Latin-1, the Vietnamese letters outside it (Ă ă Đ đ Ĩ ĩ Ũ ũ
 * Ơ ơ Ư ư and the Latin Extended Additional block from Ạ to ỹ), the tone marks, common punctuation,
 * ₫ and □. Every glyph here is embedded in every document, so the set is kept tight: a foreign name
 * with other letters makes that one document fall back to an ordinary subset.
 */
const FIXED_CODE_POINTS = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  0x102,
  0x103,
  0x110,
  0x111,
  0x128,
  0x129,
  0x168,
  0x169,
  0x1a0,
  0x1a1,
  0x1af,
  0x1b0,
  0x300,
  0x301,
  0x303,
  0x309,
  0x323,
  ...range(0x1ea0, 0x1ef9),
  0x2013,
  0x2014,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2026,
  0x20ab,
  0x25a1,
];

/** Ligatures the default shaping may produce from the characters above. */
const SHAPED_SAMPLES = ['fi', 'fl', 'ff', 'ffi', 'ffl'];

interface FixedSubset {
  /** Original glyph id → id in the embedded subset. */
  mapping: Map<number, number>;
  /** Original glyph ids in subset order (0 = .notdef first). */
  glyphs: number[];
  /** Widths in PDF glyph space (1/1000 em), by subset id. */
  widths: number[];
  /** The code points each subset id stands for when text is encoded the ordinary way ([0]: none). */
  unicode: number[][];
  raw: Uint8Array;
  compressed: Buffer;
  /** pdfkit's ToUnicode map of `unicode`, compressed (made on first use: it takes pdfkit's writer). */
  cmap?: Buffer;
}

const fixedSubsets = new WeakMap<ParsedFont, FixedSubset>();

function buildFixedSubset(font: ParsedFont): FixedSubset {
  const ids: number[] = [0];
  const seen = new Set(ids);
  const add = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    ids.push(id);
  };
  const codePoints = new Map<number, number[]>();
  for (const cp of FIXED_CODE_POINTS) {
    if (!font.hasGlyphForCodePoint(cp)) continue;
    const id = font.glyphForCodePoint(cp).id;
    add(id);
    if (!codePoints.has(id)) codePoints.set(id, [cp]);
  }
  for (const s of SHAPED_SAMPLES) for (const g of font.layout(s).glyphs) add(g.id);
  // Composite glyphs (most accented letters) pull in their components: include them up front so that
  // encoding adds nothing after the listed glyphs.
  for (let i = 0; i < ids.length; i++) {
    const glyf = font.getGlyph(ids[i] as number)._decode();
    if (glyf && glyf.numberOfContours < 0) for (const c of glyf.components ?? []) add(c.glyphID);
  }
  const subset = font.createSubset();
  for (const id of ids) subset.includeGlyph(id);
  const raw = subset.encode();
  if (subset.glyphs.length !== ids.length) throw new Error('fixed font subset grew while encoding');
  const scale = 1000 / font.unitsPerEm;
  return {
    mapping: new Map(ids.map((id, i) => [id, i])),
    glyphs: ids,
    widths: ids.map((id) => font.getGlyph(id).advanceWidth * scale),
    unicode: ids.map((id) => codePoints.get(id) ?? [0]),
    raw,
    compressed: deflateSync(raw),
  };
}

function fixedSubsetFor(shared: ParsedFont): FixedSubset {
  let fixed = fixedSubsets.get(shared);
  if (!fixed) {
    // Built on a throw-away view: the shared font's own caches stay untouched.
    const view = Object.create(shared, { _glyphs: { value: {}, writable: true } }) as ParsedFont;
    fixed = buildFixedSubset(view);
    fixedSubsets.set(shared, fixed);
  }
  return fixed;
}

/**
 * Original glyph id → id in the fixed subset of a document's pdfkit font (undefined if the font is not
 * a shared view). A glyph listed keeps that id even if the document's subset grows.
 */
export function fixedSubsetIds(emb: PdfkitFont): ReadonlyMap<number, number> | undefined {
  const shared = sharedOf.get(emb.font);
  return shared ? fixedSubsetFor(shared).mapping : undefined;
}

const sameCodePoints = (a: readonly number[], b: readonly number[] | undefined): boolean =>
  a === b || (b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/** The fixed subset's ToUnicode stream, built by pdfkit's own writer from `fixed.unicode`, compressed. */
function fixedCmap(emb: PdfkitFont, fixed: FixedSubset): Buffer {
  if (!fixed.cmap) {
    let text = '';
    const capture: PdfkitRef = {
      end(data) {
        text = String(data);
      },
    };
    const toUnicodeCmap = Object.getPrototypeOf(emb).toUnicodeCmap as PdfkitFont['toUnicodeCmap'];
    toUnicodeCmap.call({ unicode: fixed.unicode, document: { ref: () => capture } } as unknown as PdfkitFont);
    // As pdfkit writes a string stream: with a final newline.
    fixed.cmap = deflateSync(Buffer.from(`${text}\n`, 'latin1'));
  }
  return fixed.cmap;
}

/**
 * Gives a document's pdfkit font the fixed subset of its style. Call once per pdfkit font, before it
 * encodes any text. Fonts that are not shared views are left alone.
 */
export function attachFixedSubset(emb: PdfkitFont): void {
  const shared = sharedOf.get(emb.font);
  if (!shared) return;
  const fixed = fixedSubsetFor(shared);
  let grown: Subset | undefined;
  emb.subset = {
    glyphs: fixed.glyphs,
    includeGlyph(id) {
      if (grown) return grown.includeGlyph(id);
      const mapped = fixed.mapping.get(id);
      if (mapped !== undefined) return mapped;
      grown = emb.font.createSubset();
      for (const g of fixed.glyphs) grown.includeGlyph(g);
      return grown.includeGlyph(id);
    },
    encode: () => (grown ? grown.encode() : fixed.raw),
  };
  const embed = emb.embed;
  emb.embed = function embedFixed(this: PdfkitFont) {
    // pdfkit writes W and ToUnicode from these arrays; ids this document did not use are holes.
    if (grown || !this.document.compress) {
      for (let i = 0; i < this.widths.length; i++) {
        if (this.widths[i] == null) this.widths[i] = fixed.widths[i] ?? 0;
        if (this.unicode[i] == null) this.unicode[i] = [0];
      }
      return embed.call(this);
    }
    // Every id of the fixed subset gets its width and code points, the unused ones too (no text draws
    // them): a document whose glyphs all stand for their ordinary code points then has the same
    // ToUnicode map as any other, compressed once.
    let ordinary = true;
    for (let i = 0; i < fixed.glyphs.length; i++) {
      if (this.widths[i] == null) this.widths[i] = fixed.widths[i] ?? 0;
      const u = this.unicode[i];
      if (u == null) this.unicode[i] = fixed.unicode[i] ?? [0];
      else if (ordinary && !sameCodePoints(u, fixed.unicode[i])) ordinary = false;
    }
    const doc = this.document;
    if (ordinary) {
      const cmap = fixedCmap(this, fixed);
      this.toUnicodeCmap = () => {
        const r = doc.ref({ Filter: 'FlateDecode' });
        r.end(cmap);
        return r;
      };
    }
    // The font file is the first object embed() creates: hand it the bytes compressed once.
    const ref = doc.ref;
    doc.ref = (data) => {
      doc.ref = ref;
      return ref.call(doc, { ...data, Filter: 'FlateDecode', Length1: fixed.raw.length });
    };
    this.subset.encode = () => fixed.compressed;
    try {
      return embed.call(this);
    } finally {
      doc.ref = ref;
    }
  };
}
