import { useEffect, useRef } from 'react';

export type KeyboardScannerOptions = {
  /** A scan is at least this many characters (a CCCD QR is 80–250). */
  minLength?: number;
  /** Keys closer together than this (ms) belong to one burst; people type 80–250 ms apart. */
  maxGapMs?: number;
  /**
   * After this many fast characters in a row the burst is taken for a machine and later keys are
   * held back. Kept above what a Vietnamese input method (Unikey, EVKey) emits after a backspace
   * when it rewrites a word (at most 7–8 characters), so that typing with it is never delayed.
   */
  lockAfter?: number;
  /** A held burst that sees no key for this long without Enter is given back to the field. */
  idleMs?: number;
  enabled?: boolean;
};

const MODIFIERS = new Set([
  'Shift',
  'Alt',
  'AltGraph',
  'CapsLock',
  'NumLock',
  'Dead',
  'Unidentified',
  'Process',
]);

type TextField = HTMLInputElement | HTMLTextAreaElement;

function asTextField(el: Element | null): TextField | null {
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && /^(text|search|tel|url|email|password|number|)$/.test(el.type))
    return el;
  return null;
}

/**
 * An off-screen field that takes the burst when nothing editable has focus: characters a scanner
 * sends without a key event of their own (Alt codes, Unicode mode) reach a page only through an
 * editable element's beforeinput.
 */
function sinkField(): HTMLTextAreaElement {
  const existing = document.getElementById('kv-scan-sink');
  if (existing instanceof HTMLTextAreaElement) return existing;
  const sink = document.createElement('textarea');
  sink.id = 'kv-scan-sink';
  sink.tabIndex = -1;
  sink.setAttribute('aria-hidden', 'true');
  sink.style.cssText = 'position:fixed;left:-10000px;top:0;width:10px;height:10px;opacity:0;';
  document.body.appendChild(sink);
  return sink;
}

/** Deletes the `text` just before the caret, through the editing path so React's onChange sees it. */
function removeBeforeCaret(field: TextField, text: string): void {
  const end = field.selectionEnd ?? field.value.length;
  const start = end - text.length;
  if (start < 0 || field.value.slice(start, end) !== text) return;
  field.setSelectionRange(start, end);
  if (!document.execCommand('delete')) {
    field.setRangeText('', start, end, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/** Types `text` into the field at the caret, as if the person had typed it. */
function insertAtCaret(field: TextField, text: string): void {
  if (text === '') return;
  field.focus();
  if (!document.execCommand('insertText', false, text)) {
    field.setRangeText(
      text,
      field.selectionStart ?? field.value.length,
      field.selectionEnd ?? field.value.length,
      'end',
    );
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/**
 * Recognises a USB 2D scanner in keyboard mode anywhere on the page — a fast burst of keystrokes
 * ending in Enter — and hands the text to `onScan` instead of to whatever field has focus.
 *
 * Keys are never held back at the start of a burst (holding them would delay ordinary typing and
 * reorder an input method's backspace-and-retype); only once `lockAfter` characters have arrived
 * faster than any person types are the rest held, and those already typed removed from the field.
 * A held burst that ends without Enter, or ends with Enter shorter than `minLength` (a text
 * expander, a barcode of something else), is given back to the field as typed text.
 * Characters that arrive without a key event of their own (Alt codes, some scanners' Unicode
 * mode) are caught at `beforeinput`.
 */
export function useKeyboardScanner(
  onScan: (text: string) => void,
  options: KeyboardScannerOptions = {},
): void {
  const { minLength = 20, maxGapMs = 35, lockAfter = 10, idleMs = 250, enabled = true } = options;
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    let run = ''; // characters of the current fast run that went into the page normally
    let runField: TextField | null = null;
    let held = ''; // characters held back once the run was taken for a scanner
    let locked = false;
    let lastAt = 0;
    let keydownChar: string | null = null; // a char seen at keydown, whose beforeinput must not count twice
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let replaying = false; // our own insertText must not count as arriving keys

    const releaseSink = () => {
      const sink = document.getElementById('kv-scan-sink');
      if (sink instanceof HTMLTextAreaElement) {
        sink.value = '';
        if (document.activeElement === sink) sink.blur();
      }
    };

    const reset = () => {
      run = '';
      held = '';
      locked = false;
      runField = null;
      clearTimeout(idleTimer);
      releaseSink();
    };

    const giveBack = () => {
      const field = runField;
      const text = run + held;
      reset();
      if (!field) return;
      replaying = true;
      try {
        insertAtCaret(field, text);
      } finally {
        replaying = false;
      }
    };

    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(giveBack, idleMs);
    };

    /** One character arrived; returns whether to stop it reaching the page. */
    const arrive = (ch: string, now: number): boolean => {
      if (locked) {
        held += ch;
        lastAt = now;
        armIdle();
        return true;
      }
      if (run === '' || now - lastAt > maxGapMs) {
        releaseSink();
        run = '';
        runField = asTextField(document.activeElement);
      } else if (runField === null) {
        // The second fast key with nothing editable focused: a machine is typing; give it a field.
        // Not at the first key, so that single-key shortcuts of the page keep their target.
        sinkField().focus();
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          if (!locked) releaseSink();
        }, idleMs);
      }
      lastAt = now;
      if (run.length + 1 >= lockAfter) {
        locked = true;
        if (runField) removeBeforeCaret(runField, run);
        held = ch;
        armIdle();
        return true;
      }
      run += ch;
      return false;
    };

    const onKeyDown = (e: KeyboardEvent) => {
      const now = performance.now();
      if (e.isComposing || MODIFIERS.has(e.key)) return;
      if (e.key === 'Enter') {
        if (!locked) {
          run = '';
          return;
        }
        e.preventDefault();
        e.stopPropagation();
        const text = run + held;
        if (text.length >= minLength && now - lastAt <= idleMs) {
          reset();
          onScanRef.current(text);
        } else {
          giveBack();
        }
        return;
      }
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        if (arrive(e.key, now)) {
          e.preventDefault();
          e.stopPropagation();
          keydownChar = null;
        } else {
          keydownChar = e.key;
        }
        return;
      }
      // Any other key (Backspace, arrows, Tab, a shortcut) means a person is at the keyboard.
      if (locked) giveBack();
      run = '';
    };

    const onBeforeInput = (e: Event) => {
      const ie = e as InputEvent;
      if (replaying || ie.inputType !== 'insertText' || ie.data == null) return;
      if (keydownChar !== null && ie.data === keydownChar) {
        keydownChar = null;
        return;
      }
      keydownChar = null;
      const now = performance.now();
      let stop = false;
      for (const ch of ie.data) stop = arrive(ch, now) || stop;
      if (stop) {
        e.preventDefault();
        e.stopPropagation();
      }
    };

    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('beforeinput', onBeforeInput, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('beforeinput', onBeforeInput, true);
      clearTimeout(idleTimer);
    };
  }, [enabled, minLength, maxGapMs, lockAfter, idleMs]);
}
