/** Unicode NFC: the one form in which text is stored and compared. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** Trims, turns every run of white space (including no-break spaces and tabs) into one space, NFC. */
export function collapseSpaces(s: string): string {
  return nfc(s).replace(/\s+/gu, ' ').trim();
}
