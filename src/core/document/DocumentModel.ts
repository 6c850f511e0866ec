/**
 * The document model: what a filled form says and how it is laid out, as plain serialisable data.
 * Both renderers (HTML in DocumentView.tsx, PDF in src/server/pdf) draw exactly this tree, so they say
 * the same thing. Every piece of text is text: renderers never interpret it as markup.
 */

export interface Span {
  text: string;
  /** The value path this text comes from (absent for fixed text). */
  path?: string;
  /** An empty value, printed as a dotted blank like the paper form. */
  blank?: true;
  bold?: true;
  italic?: true;
  /** A check box: `text` is "☒" or "☐"; renderers may draw the box instead of the glyph. */
  checkbox?: 'checked' | 'unchecked';
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface SignatureColumnModel {
  above: Span[];
  title: string;
  note: string;
  name: Span[];
}

export interface QrModules {
  size: number;
  /** One string per row, "1" for a dark module. */
  rows: string[];
}

export type DocBlock =
  | { kind: 'nationalHeader' }
  | { kind: 'agencyHeader'; agency: Span[][] }
  | { kind: 'title'; text: string; lines: Span[][] }
  | { kind: 'paragraph'; spans: Span[]; align: Align; indent: boolean; bold: boolean; italic: boolean }
  | {
      kind: 'table';
      /** Relative widths; 'auto' fits the content. */
      widths: (number | 'auto')[];
      aligns: Align[];
      header: Span[][] | null;
      rows: Span[][][];
    }
  | { kind: 'columns'; widths: number[]; columns: DocBlock[][] }
  /** `offset`: a lone signature sits in the right half of the page, as on the paper forms. */
  | { kind: 'signature'; columns: SignatureColumnModel[]; offset: boolean }
  | { kind: 'footnotes'; title: string | null; items: { mark: string; text: string }[] }
  | { kind: 'pageBreak' }
  | {
      kind: 'qr';
      path: string;
      /** Size in millimetres. */
      size: number;
      align: 'left' | 'center' | 'right';
      caption: string | null;
      /** A QR code to draw, or an image given as a data URL; null when the value is empty. */
      content: { type: 'modules'; modules: QrModules } | { type: 'image'; src: string } | null;
    }
  | { kind: 'spacer'; size: number };

export interface DocumentModel {
  templateId: string;
  templateVersion: number;
  /** The PDF's metadata title and the HTML page's title. */
  title: string;
  /** Body size in points. */
  fontSize: number;
  blocks: DocBlock[];
}
