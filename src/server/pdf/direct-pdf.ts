/**
 * DocumentModel → A4 PDF written with pdfkit directly, without pdfmake's general layout engine.
 *
 * Why: after the font work (shared-fonts.ts), two thirds of a render were pdfmake measuring every word
 * through a stack of ~25 style lookups and then drawing each word as its own text object. The model
 * has few block kinds, so this module lays them out itself: words measured with the shared shaping
 * cache, greedy line breaking, one text run per style change, one content string per page.
 * Word widths and encoded runs are cached per style for the process (most words recur in every form),
 * and a document's fonts are built without pdfkit's per-document font probing or its default
 * Helvetica: together that took a 2-page form from ~5 ms to ~1.5 ms.
 *
 * It follows render-pdf.ts (pdfmake) geometry: the same sizes, margins, line height, columns, table
 * paddings and rules, so the two produce the same page for the same model. What it does not draw
 * (tables with 'auto' widths, images) is left to render-pdf.ts: see `canRenderDirect`.
 */
import { createRequire } from 'node:module';
import type { Align, DocBlock, DocumentModel, QrModules, Span } from '../../core/document/DocumentModel.ts';
import { PAGE_MM, QUOC_HIEU, TIEU_NGU, TYPE_SIZES } from '../../core/document/national-header.ts';
import { type EmbeddedFont, getPdfEngine, wireDocumentFont } from './pdf-engine.ts';
import { fixedSubsetIds, type PdfkitFont, sharedFontView } from './shared-fonts.ts';
import { LINE_HEIGHT, type TinosStyle, tinosFonts } from './tinos.ts';

const require = createRequire(import.meta.url);

interface PdfkitFontLike extends EmbeddedFont {
  id: string;
  ascender: number;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  lineHeight(size: number): number;
  widthOfString(text: string, size: number): number;
  layout(text: string): {
    glyphs: { id: number; codePoints: number[] }[];
    positions: GlyphPosition[];
  };
  encode(text: string): [string[], GlyphPosition[]];
  ref(): unknown;
}

interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

type EmbeddedFontConstructor = new (doc: PdfkitDocument, font: unknown, id: string) => PdfkitFontLike;

interface PdfkitDocument {
  page: { fonts: Record<string, unknown>; height: number };
  _font: PdfkitFontLike;
  _fontCount: number;
  _fontFamilies: Record<string, PdfkitFontLike>;
  registerFont(name: string, src: Buffer): void;
  font(name: string): PdfkitDocument;
  addPage(): void;
  addContent(s: string): void;
  on(ev: 'data', cb: (chunk: Buffer) => void): void;
  on(ev: 'end', cb: () => void): void;
  on(ev: 'error', cb: (err: Error) => void): void;
  end(): void;
}

type PdfkitConstructor = new (opts: Record<string, unknown>) => PdfkitDocument;

let PDFDocument: PdfkitConstructor | undefined;

function pdfkit(): PdfkitConstructor {
  // pdfkit is pdfmake's own dependency: resolve it from there, whatever the install layout.
  PDFDocument ??= createRequire(require.resolve('pdfmake'))('pdfkit') as PdfkitConstructor;
  return PDFDocument;
}

const MM = 72 / 25.4;
const mm = (x: number) => x * MM;
const PAGE_W = mm(PAGE_MM.width);
const PAGE_H = mm(PAGE_MM.height);
const LEFT = mm(PAGE_MM.left);
const TOP = mm(PAGE_MM.top);
const CONTENT_W = PAGE_W - LEFT - mm(PAGE_MM.right);
const BOTTOM = PAGE_H - mm(PAGE_MM.bottom);
const RULE = 0.75;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 2;
/** Tinos advance widths of □ and × in em: the × is drawn centred over the box. */
const BOX_EM = 0.604;
const CROSS_EM = 0.564;

/** Only what this module draws exactly like render-pdf.ts; anything else goes through pdfmake. */
export function canRenderDirect(doc: DocumentModel): boolean {
  const ok = (b: DocBlock): boolean => {
    if (b.kind === 'table') return b.widths.every((w) => w !== 'auto');
    if (b.kind === 'qr') return b.content?.type !== 'image';
    if (b.kind === 'columns') return b.columns.every((c) => c.every(ok));
    return true;
  };
  return doc.blocks.every(ok);
}

const numberFmt = (n: number) => {
  const r = Math.round(n * 1e4) / 1e4;
  return Object.is(r, -0) ? '0' : String(r);
};

// ---------- fonts and caches ----------

/** A run of text encoded for the fixed subset (shared-fonts.ts): the same bytes in every document. */
interface EncodedRun {
  /** Subset ids and what each stands for, for the document's ToUnicode map and widths. */
  gids: number[];
  codePoints: number[][];
  widths: number[];
  /** TJ operators; a number pair places the next glyph (a mark) at that offset in 1/1000 em. */
  parts: (string | [number, number])[];
}

interface StyleCache {
  /** Advance widths of words in 1/1000 em: pdfkit's measure, scaled by the size when used. */
  widths: Map<string, number>;
  /** Encoded text runs; null when a glyph is outside the fixed subset (its id depends on the document). */
  runs: Map<string, EncodedRun | null>;
}

/** Entries per style before a cache is started afresh (bounds memory on hostile input). */
const CACHE_LIMIT = 20_000;
const styleCaches = new Map<TinosStyle, StyleCache>();

function styleCache(style: TinosStyle): StyleCache {
  let c = styleCaches.get(style);
  if (!c || c.widths.size > CACHE_LIMIT || c.runs.size > CACHE_LIMIT) {
    c = { widths: new Map(), runs: new Map() };
    styleCaches.set(style, c);
  }
  return c;
}

/** A document's pdfkit font with the process-wide caches of its style. */
interface Face {
  pdf: PdfkitFontLike;
  cache: StyleCache;
  fixed: ReadonlyMap<number, number> | undefined;
}

let EmbeddedFontClass: EmbeddedFontConstructor | undefined;

/**
 * The document's font of `style`. After the first document, pdfkit's EmbeddedFont is built on a view
 * of the shared parsed font directly: pdf.font() would run fontkit.create, which probes every font
 * format against the file each time.
 */
function openFace(pdf: PdfkitDocument, style: TinosStyle): Face {
  const name = `Tinos-${style}`;
  const view = EmbeddedFontClass ? sharedFontView(tinosFonts()[style]) : undefined;
  let f: PdfkitFontLike;
  if (EmbeddedFontClass && view) {
    f = new EmbeddedFontClass(pdf, view, `F${++pdf._fontCount}`);
    // end() embeds the fonts listed here.
    pdf._fontFamilies[name] = f;
  } else {
    pdf.font(name);
    f = pdf._font;
    EmbeddedFontClass ??= f.constructor as EmbeddedFontConstructor;
  }
  if (!f.kvSharedLayout) wireDocumentFont(f, name);
  return { pdf: f, cache: styleCache(style), fixed: fixedSubsetIds(f as unknown as PdfkitFont) };
}

/** Width in points of `text` at `size`, as pdfkit's widthOfString computes it. */
function widthOf(face: Face, text: string, size: number): number {
  let adv = face.cache.widths.get(text);
  if (adv === undefined) {
    adv = face.pdf.widthOfString(text, 1000);
    face.cache.widths.set(text, adv);
  }
  return adv * (size / 1000);
}

/** `text` encoded as pdfkit's encode() does, or null if a glyph's id is the document's own. */
function encodeRun(face: Face, text: string): EncodedRun | null {
  const cached = face.cache.runs.get(text);
  if (cached !== undefined) return cached;
  const fixed = face.fixed;
  if (!fixed) return null;
  const { glyphs, positions } = face.pdf.layout(text);
  const gids: number[] = [];
  for (const g of glyphs) {
    const gid = fixed.get(g.id);
    if (gid === undefined) {
      face.cache.runs.set(text, null);
      return null;
    }
    gids.push(gid);
  }
  const hex = gids.map((g) => `0000${g.toString(16)}`.slice(-4));
  // The operators Pages.uncached writes: kerning inside TJ, a positioned mark drawn on its own.
  const parts: EncodedRun['parts'] = [];
  const commands: string[] = [];
  let last = 0;
  let ux = 0;
  const segment = (cur: number) => {
    if (last < cur) {
      const p = positions[cur - 1];
      const adv = p ? p.xAdvance - p.advanceWidth : 0;
      commands.push(`<${hex.slice(last, cur).join('')}> ${numberFmt(-adv)}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    segment(i);
    if (commands.length > 0) {
      parts.push(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (!p) continue;
    if (p.xOffset || p.yOffset) {
      flush(i);
      parts.push([ux + p.xOffset, p.yOffset]);
      flush(i + 1);
      parts.push([ux + p.xAdvance, 0]);
    } else if (p.xAdvance !== p.advanceWidth && i + 1 < positions.length) {
      segment(i + 1);
    }
    ux += p.xAdvance;
  }
  flush(positions.length);
  const run: EncodedRun = {
    gids,
    codePoints: glyphs.map((g) => g.codePoints),
    widths: positions.map((p) => p.advanceWidth),
    parts,
  };
  face.cache.runs.set(text, run);
  return run;
}

// ---------- layout ----------

interface Run {
  font: Face;
  size: number;
  text: string;
  x: number;
  /** A check box drawn as □, with × over it when checked. */
  box?: 'checked' | 'unchecked';
}

interface Line {
  runs: Run[];
  height: number;
  ascent: number;
}

type Draw =
  | { kind: 'text'; x: number; y: number; line: Line }
  | { kind: 'rule'; x1: number; y1: number; x2: number; y2: number; width: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number };

/** A piece of the page flow: drawn at once, never split across pages. */
interface Unit {
  height: number;
  draws: Draw[];
  /** Vertical space only: dropped at a page break instead of starting a page. */
  space?: true;
  pageBreak?: true;
  /** A table: rows placed one by one, the header repeated on each new page. */
  table?: TableFlow;
}

interface TextStyle {
  size: number;
  bold: boolean;
  italic: boolean;
  align: Align;
  indent?: number;
}

class Layout {
  readonly fonts: Record<TinosStyle, Face>;

  constructor(
    readonly pdf: PdfkitDocument,
    readonly base: number,
  ) {
    const fonts = {} as Record<TinosStyle, Face>;
    for (const style of ['normal', 'bold', 'italics', 'bolditalics'] as const)
      fonts[style] = openFace(pdf, style);
    this.fonts = fonts;
  }

  font(bold: boolean, italic: boolean): Face {
    return this.fonts[bold ? (italic ? 'bolditalics' : 'bold') : italic ? 'italics' : 'normal'];
  }

  lineHeight(size: number): number {
    return this.fonts.normal.pdf.lineHeight(size) * LINE_HEIGHT;
  }

  emptyLine(size: number): Line {
    return {
      runs: [],
      height: this.lineHeight(size),
      ascent: (this.fonts.normal.pdf.ascender / 1000) * size,
    };
  }

  /** Spans broken into lines of `width` as pdfmake breaks them, aligned; `x` of runs is relative to the box. */
  text(spans: readonly Span[], width: number, st: TextStyle): Line[] {
    interface Piece {
      font: Face;
      text: string;
      width: number;
      /** Width of its trailing spaces, not counted at the end of a line. */
      trail: number;
      /** Width of its leading spaces (minus the indent, for a paragraph's first piece). */
      lead?: number;
      box?: 'checked' | 'unchecked';
      newline?: true;
      glueNext?: boolean;
    }
    const pieces: Piece[] = [];
    for (const s of spans) {
      const font = this.font(st.bold || s.bold === true, st.italic || s.italic === true);
      if (s.checkbox) {
        const box = BOX_EM * st.size;
        const w = s.checkbox === 'checked' ? (box + CROSS_EM * st.size) / 2 : box;
        pieces.push({ font, text: '□', width: w, trail: 0, box: s.checkbox });
        continue;
      }
      for (const m of s.text.matchAll(/\n|[^ \n]+ *| +/g)) {
        const t = m[0];
        if (t === '\n') {
          pieces.push({ font, text: '', width: 0, trail: 0, newline: true });
          continue;
        }
        const core = t.trimEnd();
        const w = widthOf(font, t, st.size);
        pieces.push({ font, text: t, width: w, trail: w - (core ? widthOf(font, core, st.size) : 0) });
      }
    }

    // Break opportunities as pdfmake finds them (Unicode line breaking): after a space, never inside
    // a word that spans two runs ("(" + value), never before closing punctuation or a dotted blank
    // even after a space. Such a piece is glued to the next one.
    for (const [i, p] of pieces.entries()) {
      const next = pieces[i + 1];
      p.glueNext =
        next !== undefined &&
        !p.newline &&
        !next.newline &&
        (p.trail === 0 || /^[.,:;!?)\]}…]/.test(next.text));
      const lead = /^ +/.exec(p.text)?.[0];
      p.lead = lead ? widthOf(p.font, lead, st.size) : 0;
    }
    if (pieces[0] && st.indent) pieces[0].lead = -st.indent;

    // pdfmake's line filling (LayoutBuilder.buildNextLine, Line), reproduced step for step so that
    // lines break at the same places: a line is as wide as the text without its last trailing spaces
    // and without the first piece's leading spaces (or plus the indent of a paragraph's first line);
    // a glued group must fit whole, its trailing spaces discounted; a piece wider than what is left
    // of the line is cut between characters.
    interface BuiltLine {
      items: { piece: Piece; x: number }[];
      inlineWidths: number;
      leadingCut: number;
      trailingCut: number;
      last: boolean;
      forced: boolean;
    }
    const measure = (p: Piece, text: string) => (p.box ? p.width : widthOf(p.font, text, st.size));
    const queue = [...pieces];
    const built: BuiltLine[] = [];
    do {
      const line: BuiltLine = {
        items: [],
        inlineWidths: 0,
        leadingCut: 0,
        trailingCut: 0,
        last: false,
        forced: false,
      };
      const fits = (): boolean => {
        if (line.items.length === 0) return true;
        let w = 0;
        let tc = 0;
        for (const q of queue) {
          w += q.width;
          tc += q.trail;
          if (!q.glueNext) break;
        }
        return line.inlineWidths + w - line.leadingCut - tc <= width;
      };
      let force = false;
      while (queue.length > 0 && (force || fits())) {
        let p = queue.shift() as Piece;
        if (p.newline) {
          line.forced = true;
          break;
        }
        let hard = false;
        const room = width - (line.inlineWidths - line.leadingCut - line.trailingCut);
        if (!p.box && p.text.length > 1 && p.width > room) {
          let lo = 1;
          let hi = p.text.length;
          let best = 1;
          while (lo <= hi) {
            const mid = Math.floor((lo + hi) / 2);
            if (measure(p, p.text.slice(0, mid)) <= room) {
              best = mid;
              lo = mid + 1;
            } else hi = mid - 1;
          }
          if (best < p.text.length) {
            const rest = p.text.slice(best);
            queue.unshift({ ...p, text: rest, width: measure(p, rest) });
            p = { ...p, text: p.text.slice(0, best), width: measure(p, p.text.slice(0, best)) };
            hard = true;
          }
        }
        if (line.items.length === 0) line.leadingCut = p.lead ?? 0;
        line.trailingCut = p.trail;
        line.items.push({ piece: p, x: line.inlineWidths - line.leadingCut });
        line.inlineWidths += p.width;
        force = p.glueNext === true && !hard;
      }
      line.last = queue.length === 0;
      built.push(line);
    } while (queue.length > 0);

    return built.map((l): Line => {
      const natural = l.inlineWidths - l.leadingCut - l.trailingCut;
      const free = width - natural;
      let offset = 0;
      let gap = 0;
      if (st.align === 'center') offset = free / 2;
      else if (st.align === 'right') offset = free;
      else if (st.align === 'justify' && !l.forced && !l.last && l.items.length > 1) {
        // As pdfmake: the free space is shared by every boundary between pieces, spaces or not.
        gap = free / (l.items.length - 1);
      }
      const runs: Run[] = [];
      // Consecutive words after a space shape the same drawn as one run: fewer text operators. A run
      // carries its spaces, which pdftotext needs to see the words apart.
      let open: Run | undefined;
      let prevPiece: Piece | undefined;
      for (const [j, { piece: p, x }] of l.items.entries()) {
        const joins =
          open !== undefined &&
          !open.box &&
          !p.box &&
          open.font === p.font &&
          gap === 0 &&
          prevPiece !== undefined &&
          prevPiece.trail > 0;
        if (joins && open) open.text += p.text;
        else if (p.text.trim() || p.box) {
          open = { font: p.font, size: st.size, text: p.text, x: x + offset + j * gap, box: p.box };
          runs.push(open);
        } else open = undefined;
        prevPiece = p;
      }
      if (runs.length === 0) return this.emptyLine(st.size);
      const ascent = Math.max(...runs.map((r) => (r.font.pdf.ascender / 1000) * r.size));
      return { runs, height: this.lineHeight(st.size), ascent };
    });
  }
}

/** Each line as a flow unit, drawn at `x` within the block. */
function lineUnits(lines: Line[], x: number): Unit[] {
  return lines.map((line) => ({ height: line.height, draws: [{ kind: 'text', x, y: 0, line }] }));
}

const space = (h: number): Unit => ({ height: h, draws: [], space: true });

/** Several units drawn as one (for columns, signatures, headers): never split across pages. */
function stack(units: Unit[]): Unit {
  let y = 0;
  const draws: Draw[] = [];
  for (const u of units) {
    for (const d of u.draws) draws.push(shift(d, 0, y));
    y += u.height;
  }
  return { height: y, draws };
}

function shift(d: Draw, dx: number, dy: number): Draw {
  switch (d.kind) {
    case 'text':
      return { ...d, x: d.x + dx, y: d.y + dy };
    case 'rule':
      return { ...d, x1: d.x1 + dx, x2: d.x2 + dx, y1: d.y1 + dy, y2: d.y2 + dy };
    case 'rect':
      return { ...d, x: d.x + dx, y: d.y + dy };
  }
}

function sideBySide(cols: { x: number; unit: Unit }[]): Unit {
  const draws = cols.flatMap((c) => c.unit.draws.map((d) => shift(d, c.x, 0)));
  return { height: Math.max(0, ...cols.map((c) => c.unit.height)), draws };
}

function widthsOf(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, w) => a + w, 0) || 1;
  return weights.map((w) => (w / sum) * total);
}

function nationalHeader(l: Layout, width: number): Unit[] {
  const qh = l.text([{ text: QUOC_HIEU }], width, {
    size: TYPE_SIZES.quocHieu,
    bold: true,
    italic: false,
    align: 'center',
  });
  const tn = l.text([{ text: TIEU_NGU }], width, {
    size: TYPE_SIZES.tieuNgu,
    bold: true,
    italic: false,
    align: 'center',
  });
  // Nghị định 30/2020: a solid line under the Tiêu ngữ, as long as the line of text.
  const w = widthOf(l.fonts.bold, TIEU_NGU, TYPE_SIZES.tieuNgu);
  const x1 = (width - w) / 2;
  return [
    stack([
      ...lineUnits(qh, 0),
      ...lineUnits(tn, 0),
      { height: 1, draws: [{ kind: 'rule', x1, y1: 1, x2: x1 + w, y2: 1, width: RULE }] },
    ]),
    space(10),
  ];
}

function qrUnit(modules: QrModules, sizePt: number, width: number, align: 'left' | 'center' | 'right'): Unit {
  const quiet = 2;
  const unit = sizePt / (modules.size + quiet * 2);
  // pdfmake sizes a canvas by its shapes: the quiet zone right of and below the code does not count.
  const extent = sizePt - quiet * unit;
  const x0 = align === 'left' ? 0 : align === 'center' ? (width - extent) / 2 : width - extent;
  const draws: Draw[] = [];
  modules.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (row[x] !== '1') {
        x++;
        continue;
      }
      let end = x;
      while (row[end] === '1') end++;
      draws.push({
        kind: 'rect',
        x: x0 + (x + quiet) * unit,
        y: (y + quiet) * unit,
        w: (end - x) * unit,
        h: unit,
      });
      x = end;
    }
  });
  return { height: extent, draws };
}

function blockUnits(l: Layout, b: DocBlock, width: number): Unit[] {
  const size = l.base;
  const body = (spans: readonly Span[], st: Partial<TextStyle> = {}) =>
    l.text(spans, width, { size, bold: false, italic: false, align: 'left', ...st });
  switch (b.kind) {
    case 'nationalHeader':
      return nationalHeader(l, width);
    case 'agencyHeader': {
      const gap = mm(4);
      const leftW = (width - gap) * 0.38;
      const rightW = width - gap - leftW;
      const ruleW = width * 0.38 * 0.3;
      const left = stack([
        ...b.agency.flatMap((line, i) =>
          lineUnits(
            l.text(line, leftW, {
              size: TYPE_SIZES.agency,
              bold: i === b.agency.length - 1,
              italic: false,
              align: 'center',
            }),
            0,
          ),
        ),
        {
          height: 2,
          draws: [
            { kind: 'rule', x1: (leftW - ruleW) / 2, y1: 2, x2: (leftW + ruleW) / 2, y2: 2, width: RULE },
          ],
        },
      ]);
      const right = stack(nationalHeader(l, rightW));
      return [
        sideBySide([
          { x: 0, unit: left },
          { x: leftW + gap, unit: right },
        ]),
        space(10),
      ];
    }
    case 'title':
      return [
        space(12),
        ...lineUnits(
          l.text([{ text: b.text }], width, {
            size: TYPE_SIZES.title,
            bold: true,
            italic: false,
            align: 'center',
          }),
          0,
        ),
        space(b.lines.length === 0 ? 10 : 2),
        ...b.lines.flatMap((line, i) => [
          ...lineUnits(body(line, { align: 'center' }), 0),
          space(i === b.lines.length - 1 ? 10 : 2),
        ]),
      ];
    case 'paragraph':
      return [
        ...lineUnits(
          body(b.spans, { align: b.align, bold: b.bold, italic: b.italic, indent: b.indent ? mm(10) : 0 }),
          0,
        ),
        space(3),
      ];
    case 'table':
      return tableUnits(l, b, width);
    case 'columns': {
      const gap = mm(4);
      const ws = widthsOf(
        b.columns.map((_, i) => b.widths[i] ?? 1),
        width - gap * (b.columns.length - 1),
      );
      let x = 0;
      const cols = b.columns.map((col, i) => {
        const w = ws[i] ?? 0;
        const unit = stack(col.flatMap((inner) => blockUnits(l, inner, w)));
        const at = x;
        x += w + gap;
        return { x: at, unit };
      });
      return [space(4), sideBySide(cols)];
    }
    case 'signature': {
      const n = b.columns.length + (b.offset ? 1 : 0);
      const w = width / n;
      const cols = b.columns.map((c, i) => {
        const center = (spans: readonly Span[], st: Partial<TextStyle>) =>
          lineUnits(l.text(spans, w, { size, bold: false, italic: false, align: 'center', ...st }), 0);
        const units: Unit[] = [];
        if (c.above.length > 0) units.push(...center(c.above, { italic: true }), space(3));
        units.push(...center([{ text: c.title }], { bold: true }));
        if (c.note) units.push(...center([{ text: c.note }], { italic: true }));
        units.push(space(mm(22) - size * TYPE_SIZES.lineHeight), ...lineUnits([l.emptyLine(size)], 0));
        units.push(...center(c.name.length > 0 ? c.name : [], { bold: true }));
        return { x: (i + (b.offset ? 1 : 0)) * w, unit: stack(units) };
      });
      return [space(6), sideBySide(cols)];
    }
    case 'footnotes': {
      const st: TextStyle = { size: TYPE_SIZES.footnote, bold: false, italic: false, align: 'left' };
      return [
        space(10),
        ...(b.title ? lineUnits(l.text([{ text: b.title }], width, { ...st, bold: true }), 0) : []),
        ...b.items.flatMap((it) => [
          ...lineUnits(l.text([{ text: `${it.mark} ${it.text}` }], width, st), 0),
          space(2),
        ]),
      ];
    }
    case 'qr': {
      const sizePt = mm(b.size);
      const c = b.content;
      const graphic: Unit =
        c?.type === 'modules' ? qrUnit(c.modules, sizePt, width, b.align) : { height: sizePt, draws: [] };
      const caption = b.caption
        ? lineUnits(
            l.text([{ text: b.caption }], width, { size: 10, bold: false, italic: false, align: b.align }),
            0,
          )
        : [];
      return [space(4), stack([graphic, ...caption]), space(4)];
    }
    case 'pageBreak':
      return [{ height: 0, draws: [], pageBreak: true }];
    case 'spacer':
      return [space(b.size), ...lineUnits([l.emptyLine(size)], 0)];
  }
}

function tableUnits(l: Layout, b: Extract<DocBlock, { kind: 'table' }>, width: number): Unit[] {
  const n = b.widths.length;
  // pdfmake's percentage columns: each takes its share of the whole width, less its paddings and its
  // part of the rules (a full rule on the outer edges, half of a shared one).
  const ws = widthsOf(
    b.widths.map((w) => (w === 'auto' ? 1 : w)),
    width,
  ).map((outer, i) => {
    const left = i === 0 ? RULE : RULE / 2;
    const right = i === n - 1 && n > 1 ? RULE : RULE / 2;
    return outer - CELL_PAD_X * 2 - left - right;
  });
  const xs: number[] = [];
  let x = 0;
  for (const w of ws) {
    xs.push(x + RULE + CELL_PAD_X);
    x += RULE + CELL_PAD_X * 2 + w;
  }
  x += RULE;
  const rowUnit = (cells: Span[][], header: boolean): Unit => {
    const laid = cells.map((cell, c) =>
      l.text(cell, ws[c] ?? 0, {
        size: l.base,
        bold: header,
        italic: false,
        align: header ? 'center' : (b.aligns[c] ?? 'left'),
      }),
    );
    const contentH = Math.max(...laid.map((lines) => lines.reduce((a, ln) => a + ln.height, 0)));
    const h = contentH + CELL_PAD_Y * 2 + RULE;
    const draws: Draw[] = [];
    laid.forEach((lines, c) => {
      let y = RULE + CELL_PAD_Y;
      for (const line of lines) {
        draws.push({ kind: 'text', x: xs[c] ?? 0, y, line });
        y += line.height;
      }
    });
    // Borders: the top rule of this row, and every vertical rule down to the next row's top.
    const half = RULE / 2;
    draws.push({ kind: 'rule', x1: 0, y1: half, x2: x, y2: half, width: RULE });
    let vx = half;
    for (let c = 0; c <= n; c++) {
      draws.push({ kind: 'rule', x1: vx, y1: 0, x2: vx, y2: h + RULE, width: RULE });
      vx += (ws[c] ?? 0) + CELL_PAD_X * 2 + RULE;
    }
    return { height: h, draws };
  };
  const bottom = (): Unit => ({
    height: RULE,
    draws: [{ kind: 'rule', x1: 0, y1: RULE / 2, x2: x, y2: RULE / 2, width: RULE }],
  });
  const header = b.header ? rowUnit(b.header, true) : null;
  const rows = b.rows.map((r) => rowUnit(r, false));
  return [space(4), { height: 0, draws: [], table: { header, rows, bottom: bottom() } }, space(6)];
}

// ---------- pagination and drawing ----------

interface TableFlow {
  header: Unit | null;
  rows: Unit[];
  bottom: Unit;
}

class Pages {
  private y = TOP;
  private ops: string[] = [];
  private text: string[] = [];
  private fonts = new Set<PdfkitFontLike>();

  constructor(private readonly pdf: PdfkitDocument) {}

  private flush(): void {
    const page = this.pdf.page;
    for (const f of this.fonts) if (page.fonts[f.id] == null) page.fonts[f.id] = f.ref();
    let content = this.ops.join('\n');
    if (this.text.length > 0)
      content += `\nq\n1 0 0 -1 0 ${numberFmt(PAGE_H)} cm\nBT\n${this.text.join('\n')}\nET\nQ`;
    if (content) this.pdf.addContent(content);
    this.ops = [];
    this.text = [];
    this.fonts.clear();
  }

  newPage(): void {
    this.flush();
    this.pdf.addPage();
    this.y = TOP;
  }

  fits(h: number): boolean {
    return this.y + h <= BOTTOM + 0.01;
  }

  place(u: Unit): void {
    if (u.pageBreak) {
      this.newPage();
      return;
    }
    if (!this.fits(u.height)) {
      if (u.space) {
        this.y = BOTTOM;
        return;
      }
      if (this.y > TOP) this.newPage();
    }
    for (const d of u.draws) this.draw(d, LEFT, this.y);
    this.y += u.height;
  }

  table(t: TableFlow): void {
    const rows = [...t.rows];
    let first = true;
    while (rows.length > 0 || first) {
      const row = rows.shift();
      const need = (t.header?.height ?? 0) + (row?.height ?? 0) + t.bottom.height;
      if (!first && !this.fits((row?.height ?? 0) + t.bottom.height)) {
        this.place(t.bottom);
        this.newPage();
        if (t.header) this.place(t.header);
      } else if (first) {
        if (!this.fits(need) && this.y > TOP) this.newPage();
        if (t.header) this.place(t.header);
      }
      first = false;
      if (row) this.place(row);
    }
    this.place(t.bottom);
  }

  private draw(d: Draw, ox: number, oy: number): void {
    switch (d.kind) {
      case 'rule':
        this.ops.push(
          `${numberFmt(d.width)} w ${numberFmt(ox + d.x1)} ${numberFmt(oy + d.y1)} m ${numberFmt(ox + d.x2)} ${numberFmt(oy + d.y2)} l S`,
        );
        return;
      case 'rect':
        this.ops.push(
          `${numberFmt(ox + d.x)} ${numberFmt(oy + d.y)} ${numberFmt(d.w)} ${numberFmt(d.h)} re f`,
        );
        return;
      case 'text': {
        const baseline = oy + d.y + d.line.ascent;
        for (const r of d.line.runs) this.run(r, ox + d.x + r.x, PAGE_H - baseline);
        return;
      }
    }
  }

  /** One text run at baseline `y` (PDF coordinates), kerning and mark offsets as pdfkit writes them. */
  private run(r: Run, x: number, y: number): void {
    const font = r.font.pdf;
    this.fonts.add(font);
    const f = `/${font.id} ${numberFmt(r.size)} Tf`;
    if (r.box) {
      const [box] = font.encode('□');
      this.text.push(`${f} 1 0 0 1 ${numberFmt(x)} ${numberFmt(y)} Tm [<${box.join('')}>] TJ`);
      if (r.box === 'checked') {
        const [cross] = font.encode('×');
        const cx = x + ((BOX_EM - CROSS_EM) * r.size) / 2;
        this.text.push(`1 0 0 1 ${numberFmt(cx)} ${numberFmt(y)} Tm [<${cross.join('')}>] TJ`);
      }
      return;
    }
    if (!r.text) return;
    const encoded = encodeRun(r.font, r.text);
    this.text.push(`${f} 1 0 0 1 ${numberFmt(x)} ${numberFmt(y)} Tm`);
    if (encoded) {
      // What pdfkit's encode() records for the document's font: each glyph's width and text.
      const { gids, codePoints, widths } = encoded;
      for (let i = 0; i < gids.length; i++) {
        const gid = gids[i] as number;
        if (font.widths[gid] == null) font.widths[gid] = widths[i];
        if (font.unicode[gid] == null) font.unicode[gid] = codePoints[i];
      }
      const scale = r.size / 1000;
      for (const part of encoded.parts) {
        if (typeof part === 'string') this.text.push(part);
        else this.text.push(`1 0 0 1 ${numberFmt(x + part[0] * scale)} ${numberFmt(y + part[1] * scale)} Tm`);
      }
      return;
    }
    this.uncached(font, r.text, r.size, x, y);
  }

  /** A run with a glyph outside the fixed subset: encoded for this document alone. */
  private uncached(font: PdfkitFontLike, text: string, size: number, x: number, y: number): void {
    const [encoded, positions] = font.encode(text);
    const scale = size / 1000;
    const commands: string[] = [];
    let last = 0;
    let cx = x;
    const segment = (cur: number) => {
      if (last < cur) {
        const p = positions[cur - 1];
        const adv = p ? p.xAdvance - p.advanceWidth : 0;
        commands.push(`<${encoded.slice(last, cur).join('')}> ${numberFmt(-adv)}`);
      }
      last = cur;
    };
    const flush = (i: number) => {
      segment(i);
      if (commands.length > 0) {
        this.text.push(`[${commands.join(' ')}] TJ`);
        commands.length = 0;
      }
    };
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      if (!p) continue;
      if (p.xOffset || p.yOffset) {
        flush(i);
        this.text.push(`1 0 0 1 ${numberFmt(cx + p.xOffset * scale)} ${numberFmt(y + p.yOffset * scale)} Tm`);
        flush(i + 1);
        this.text.push(`1 0 0 1 ${numberFmt(cx + p.xAdvance * scale)} ${numberFmt(y)} Tm`);
      } else if (p.xAdvance !== p.advanceWidth && i + 1 < positions.length) {
        segment(i + 1);
      }
      cx += p.xAdvance * scale;
    }
    flush(positions.length);
  }

  finish(): void {
    this.flush();
  }
}

/** Renders a document model to an A4 PDF with pdfkit directly. Check `canRenderDirect` first. */
export function renderPdfDirect(doc: DocumentModel, opts: { compress?: boolean } = {}): Promise<Buffer> {
  getPdfEngine(); // shares the parsed fonts before any document opens them
  const Pdf = pdfkit();
  const pdf = new Pdf({
    size: 'A4',
    margin: 0,
    // No default font: pdfkit would parse Helvetica's AFM file for every document, unused.
    font: null,
    compress: opts.compress ?? true,
    info: { Title: doc.title, Creator: 'Không Viết', Producer: 'Không Viết (pdfkit)' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((ok, fail) => {
    pdf.on('data', (c) => chunks.push(c));
    pdf.on('end', () => ok(Buffer.concat(chunks)));
    pdf.on('error', fail);
  });
  const fonts = tinosFonts();
  for (const style of ['normal', 'bold', 'italics', 'bolditalics'] as const)
    pdf.registerFont(`Tinos-${style}`, fonts[style]);
  const layout = new Layout(pdf, doc.fontSize);
  const pages = new Pages(pdf);
  for (const b of doc.blocks) {
    for (const u of blockUnits(layout, b, CONTENT_W)) {
      if (u.table) pages.table(u.table);
      else pages.place(u);
    }
  }
  pages.finish();
  pdf.end();
  return done;
}
