/**
 * The Tinos font files (metric-compatible with Times New Roman, full Vietnamese coverage) and the line
 * height both PDF renderers use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TYPE_SIZES } from '../../core/document/national-header.ts';

const require = createRequire(import.meta.url);

/** Tinos's own line height is 1.15 em ((ascent + descent + gap) / em); CSS uses 1.2 em. */
const TINOS_LINE = (1825 + 443 + 87) / 2048;
export const LINE_HEIGHT = TYPE_SIZES.lineHeight / TINOS_LINE;

const TINOS_FILES = {
  normal: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italics: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

export type TinosStyle = keyof typeof TINOS_FILES;

let fontBuffers: Record<TinosStyle, Buffer> | undefined;

/** The four Tinos TTFs, read once per process. */
export function tinosFonts(): Record<TinosStyle, Buffer> {
  if (!fontBuffers) {
    const dir = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
    fontBuffers = {
      normal: readFileSync(join(dir, TINOS_FILES.normal)),
      bold: readFileSync(join(dir, TINOS_FILES.bold)),
      italics: readFileSync(join(dir, TINOS_FILES.italics)),
      bolditalics: readFileSync(join(dir, TINOS_FILES.bolditalics)),
    };
  }
  return fontBuffers;
}
