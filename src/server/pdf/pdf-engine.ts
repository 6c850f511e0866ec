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

function createEngine(): PdfEngine {
  const pdfmake = require('pdfmake') as PdfmakeServer;
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
