// Heuristics that tell a damaged scan from a real one. A USB QR scanner types the card's text like a
// keyboard, so what reaches the input depends on the PC: the keyboard layout, Caps Lock, a Vietnamese IME
// (Unikey/EVKey in Telex or VNI mode) rewriting keystrokes, Alt-code typing of non-ASCII letters, or a
// reader that decodes UTF-8 bytes as Windows-1252/Latin-1 (mojibake). Each finding names a cause, so the
// message can tell the officer what to fix before rescanning.
//
// The rules favour no false positives on real names and addresses: each one matches only something that a
// Vietnamese name or address from the national population database cannot contain. See docs/CCCD.md.

export type GarbledKind =
  | 'replacement_char'
  | 'control_char'
  | 'mojibake'
  | 'foreign_char'
  | 'lost_char'
  | 'double_tone'
  | 'telex'
  | 'caps_lock'
  | 'keyboard_layout';

export type GarbledFinding = {
  kind: GarbledKind;
  /** The few characters that gave it away, for the message and for support. */
  sample: string;
  reason: string;
};

const RESCAN = 'vui lòng quét lại';

// Vietnamese letters outside ASCII, in NFC: the Latin-1 ones Vietnamese uses, ă đ ĩ ũ ơ ư, and the
// Latin Extended Additional block (ạ … ỹ).
const VIETNAMESE_LETTER = 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư\u1EA0-\u1EF9';
// Punctuation a database export or a careful typist may use. NBSP and tab count as spaces.
const TYPOGRAPHIC = '\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00A0\t';
const ALLOWED = new RegExp(`^[\\x20-\\x3E\\x40-\\x7E${VIETNAMESE_LETTER}${TYPOGRAPHIC}\\r\\n]$`, 'u');

// A UTF-8 lead byte shown as Latin-1/Windows-1252 (C2–C6 for Â Ã Ä Å Æ, CC/CD for combining marks,
// E1/E2 for the 3-byte letters ạ…ỹ and for ’ “ ”) followed by a continuation byte shown the same way
// (0x80–0xBF: C1 controls or ¡…¿ in Latin-1; € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ in
// Windows-1252). Real Vietnamese never has Ã, Â or á directly followed by one of those.
const MOJIBAKE_TAIL =
  '\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC' +
  '\\u2013\\u2014\\u2018-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122';
const MOJIBAKE = new RegExp(`[ÂÃÄÅÆÌÍáâ][${MOJIBAKE_TAIL}]`, 'u');

// C0 and C1 controls other than tab/CR/LF, plus format characters (zero-width space, BOM inside the
// text, bidi marks): invisible, never part of a card's text.
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;

// Vietnamese tone marks, seen after NFD. A Vietnamese syllable carries at most one.
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/gu;

// With a Vietnamese IME in Telex mode the raw keystrokes can survive: "Nguyeexn", "Traanf", "Vawn", "Ddawng".
const TELEX_SHAPE = /dd|aa|ee|oo|[aou]w/i;
// A tone key typed right after the doubled vowel ("Nguyeexn") or closing the word ("Traanf"). "r" only at
// the end, so that "Aaron" stays a name.
const TELEX_TONE_WITH_SHAPE = /(?:aa|ee|oo|[aou]w)[sfxj]|(?:dd|aa|ee|oo|[aou]w)[a-z]*[sfrxj]$/i;
const TELEX_FINAL_TONE = /[aeiouy](?:ch|ng|nh|[cmnpt])?[fj]$/i;

// A US-layout scanner on a French/Belgian AZERTY PC types the digit row unshifted; a stuck Shift gives
// the US shifted symbols.
const AZERTY_DIGIT_ROW = /^[&é"'(§è!çà)\-_]{9,12}/u;
const SHIFTED_DIGIT_ROW = /^[!@#$%^&*()]{9,12}/;
// Twelve digits then something other than "|": the separator itself was typed through another layout
// (German QWERTZ gives "#" or "'", AZERTY gives "£" or "µ").
const DIGITS_THEN_WRONG_SEPARATOR = /^[0-9]{12}[^0-9|\s]/;

function sampleAround(text: string, index: number): string {
  return Array.from(text.slice(Math.max(0, index - 3), index + 5)).join('');
}

/** A lone surrogate or a bare combining mark would garble the message itself, so those show as U+XXXX only. */
function showable(ch: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `«${ch}», ${codePointLabel(ch)}` : codePointLabel(ch);
}

function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Looks for damage in the whole scanned text (already NFC). Field-shape checks come later; this only finds
 * what no real card can contain.
 */
export function findGarbledText(text: string): GarbledFinding | undefined {
  const layout = findKeyboardLayoutDamage(text);
  if (layout !== undefined) return layout;

  const fffd = text.indexOf('\uFFFD');
  if (fffd >= 0) {
    return {
      kind: 'replacement_char',
      sample: sampleAround(text, fffd),
      reason: `Dữ liệu quét bị lỗi mã hóa (có ký tự «�»), ${RESCAN}`,
    };
  }

  const mojibake = MOJIBAKE.exec(text);
  if (mojibake !== null) {
    return {
      kind: 'mojibake',
      sample: sampleAround(text, mojibake.index),
      reason: `Dữ liệu quét bị lỗi mã hóa (chữ tiếng Việt bị đọc sai thành «${mojibake[0]}…»), ${RESCAN}; nếu vẫn lỗi, kiểm tra máy quét đang xuất UTF-8`,
    };
  }

  const control = CONTROL.exec(text);
  if (control !== null) {
    return {
      kind: 'control_char',
      sample: codePointLabel(control[0]),
      reason: `Dữ liệu quét có ký tự điều khiển lạ (${codePointLabel(control[0])}), ${RESCAN}`,
    };
  }

  const question = text.indexOf('?');
  if (question >= 0) {
    return {
      kind: 'lost_char',
      sample: sampleAround(text, question),
      reason: `Dữ liệu quét bị mất chữ có dấu (thành «?» ở «${sampleAround(text, question)}»), ${RESCAN}; nếu vẫn lỗi, kiểm tra máy quét đang gõ được tiếng Việt`,
    };
  }

  for (const ch of text) {
    if (!ALLOWED.test(ch)) {
      return {
        kind: 'foreign_char',
        sample: ch,
        reason: `Dữ liệu quét bị lỗi mã hóa (ký tự lạ ${showable(ch)}), ${RESCAN}; nếu vẫn lỗi, tắt bộ gõ tiếng Việt (Unikey) rồi quét lại`,
      };
    }
  }

  for (const word of text.split(/[\s|,.;:/'’\-()]+/u)) {
    if ((word.normalize('NFD').match(TONE_MARK) ?? []).length >= 2) {
      return {
        kind: 'double_tone',
        sample: word,
        reason: `Dữ liệu quét bị bộ gõ tiếng Việt làm sai chữ («${word}» có hai dấu thanh). Tắt bộ gõ tiếng Việt (Unikey) rồi quét lại`,
      };
    }
  }
  return undefined;
}

function findKeyboardLayoutDamage(text: string): GarbledFinding | undefined {
  const head = text.slice(0, 13);
  if (AZERTY_DIGIT_ROW.test(head) || SHIFTED_DIGIT_ROW.test(head) || DIGITS_THEN_WRONG_SEPARATOR.test(head)) {
    return {
      kind: 'keyboard_layout',
      sample: head,
      reason:
        'Máy quét đang gõ theo bố cục bàn phím khác nên số CCCD hoặc dấu «|» bị sai. Chuyển bàn phím máy tính sang tiếng Anh (US), tắt Caps Lock rồi quét lại',
    };
  }
  return undefined;
}

/**
 * Caps Lock on while the scanner types inverts every letter's case: "nGUYỄN vĂN a". Names on the card are
 * never written like that, so every word of two letters or more starting small and going on in capitals
 * is damage.
 */
export function findCapsLockDamage(value: string): GarbledFinding | undefined {
  const words = value.split(/[\s,.;:/'’\-()]+/u).filter((w) => /\p{L}{2,}/u.test(w));
  const inverted = words.filter((w) => /^\p{Ll}\p{Lu}+$/u.test(w));
  if (inverted.length === 0 || inverted.length !== words.length) return undefined;
  return {
    kind: 'caps_lock',
    sample: inverted[0] ?? '',
    reason: 'Dữ liệu quét bị đảo chữ hoa/chữ thường (đang bật Caps Lock). Tắt Caps Lock rồi quét lại',
  };
}

/**
 * Telex keystrokes left in the text by a Vietnamese IME ("Nguyeexn Vawn Ddawng"). Only text with no
 * letter outside ASCII is checked, because a real name or address from the card carries its diacritics.
 * Each word scores 2 for a Telex vowel shape with a tone key ("Nguyeexn", "Traanf"), 1 for the shape alone
 * ("Vawn", but also the real "Soo" of "Kim Soo Hyun") or for a word ending in the huyền/nặng keys f/j
 * ("Thij"); `minScore` is where damage is called.
 */
export function findTelexLeftovers(value: string, minScore: number): GarbledFinding | undefined {
  if (!/^[\x20-\x7E]*$/.test(value)) return undefined;
  let score = 0;
  let sample = '';
  for (const word of value.split(/[\s,.;:/'\-()]+/).filter((w) => w !== '')) {
    let wordScore = 0;
    if (TELEX_SHAPE.test(word)) wordScore = TELEX_TONE_WITH_SHAPE.test(word) ? 2 : 1;
    else if (TELEX_FINAL_TONE.test(word)) wordScore = 1;
    if (wordScore > 0 && sample === '') sample = word;
    score += wordScore;
  }
  if (score < minScore) return undefined;
  return {
    kind: 'telex',
    sample,
    reason: `Dữ liệu quét còn ký tự gõ Telex («${sample}»): bộ gõ tiếng Việt (Unikey) đang bật. Tắt bộ gõ tiếng Việt rồi quét lại`,
  };
}
