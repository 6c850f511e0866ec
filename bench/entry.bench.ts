/**
 * Keystrokes at the counter for one birth registration (issue 6): the officer picks the procedure, scans
 * both parents' ID cards (the mother's card also fills the requester) and types the rest, in a real
 * browser. entry.keystroke_ratio = keys the officer pressed ÷ characters of the values printed on the
 * form (the text of the document model's value spans). The scanner's bursts are the card's typing, not
 * the officer's. Text boxes complete from the values the unit's desk typed before (the demo data's
 * earlier birth registrations), which is what a desk that serves the same hospital and commune every
 * day sees; entry.keystroke_ratio_no_history is the same flow at a desk with no history.
 * Baseline: the same form typed entirely by hand, counted by the same rule.
 */
import { templateFields } from '../src/core/forms/FormTemplate.ts';
import { birthRegistrationWithCards, printedValueChars } from '../test/e2e/counter-script.ts';
import { launchBrowser, startServer } from '../test/e2e/harness.ts';
import { entriesFor, khaiSinh, openCounter } from '../test/e2e/live-helpers.ts';
import { type BenchResults, round } from './bench-types.ts';

/** Keys to type the whole sample by hand: one to reach each box, then its characters (one for a choice). */
function handTypedKeys(): number {
  const t = khaiSinh();
  let keys = 1 + 'khai sinh'.length + 1;
  for (const e of entriesFor(t, t.samples[0]!.values)) keys += 1 + ('key' in e ? 1 : [...e.text].length);
  return keys;
}

export async function run(): Promise<BenchResults> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const counter = await openCounter(browser, server.baseUrl);
    const keys = await birthRegistrationWithCards(counter);
    const sessions = (await counter.evaluate(async () => {
      const r = await fetch(`/api/live/sessions?counterId=${localStorage.getItem('kv.counterId')}`);
      return r.json();
    })) as { values: Record<string, unknown> }[];
    const values = sessions[0]?.values;
    if (!values) throw new Error('no open session after the scripted registration');
    const printed = printedValueChars(values);
    const t = khaiSinh();
    const handPrinted = printedValueChars(t.samples[0]!.values);
    const hand = handTypedKeys();
    console.log(
      `  officer keys ${keys.officer}, scanner chars ${keys.scanner}, printed value chars ${printed}` +
        ` (${templateFields(t).length} fields); by hand: ${hand} keys for ${handPrinted} chars`,
    );
    return {
      'entry.keystroke_ratio': {
        value: round(keys.officer / printed, 3),
        unit: 'keys/char',
        baseline: round(hand / handPrinted, 3),
      },
      // The same flow at a desk with no earlier dossiers to complete from.
      'entry.keystroke_ratio_no_history': {
        value: round((keys.officer + keys.savedByCompletion) / printed, 3),
        unit: 'keys/char',
      },
      'entry.officer_keys': { value: keys.officer, unit: 'keys' },
      'entry.scanner_chars': { value: keys.scanner, unit: 'chars' },
      'entry.printed_chars': { value: printed, unit: 'chars' },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
