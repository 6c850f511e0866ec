import { foldVietnamese } from '../../core/text/fold.ts';

/** The suggestion a typed start completes to (diacritics and case aside), if any. */
export function completionFor(typed: string, suggestions: readonly string[]): string | undefined {
  const t = foldVietnamese(typed.trim()).toLowerCase();
  if (t.length < 2) return undefined;
  return suggestions.find((s) => s !== typed && foldVietnamese(s).toLowerCase().startsWith(t));
}
