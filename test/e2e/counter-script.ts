import type { Page } from 'playwright-core';
import { type Entry, entriesFor, expectedValueTexts, khaiSinh, startKhaiSinh } from './live-helpers.ts';

/** Two parents' chip ID cards as their QR codes read (docs/CCCD.md); both live in old Tân Khánh Đông. */
export const MOTHER_QR =
  '087195001234||Nguyễn Thị Thu Hà|12031995|Nữ|Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp|20112021';
export const FATHER_QR =
  '087093004567|341234567|Trần Quốc Bảo|05071993|Nam|Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp|15042021';

/**
 * Gap between an officer's keys in these scripts. Faster than about 35 ms a key is what a USB scanner
 * does, and the counter takes such a burst for a card scan (src/web/scan/useKeyboardScanner.ts).
 */
export const HUMAN_KEY_MS = 40;

/** What the officer did with the keyboard, apart from what the card scanner typed. */
export interface KeyCount {
  /** Keys the officer pressed: characters typed, one key to reach each box, shortcuts, picks. */
  officer: number;
  /** Characters the scanner typed (not counted as the officer's). */
  scanner: number;
  /** Keys the desk's usual-value completions saved (what typing those values in full would have added). */
  savedByCompletion: number;
}

/** Scans a card the way a USB scanner in keyboard mode does: a fast burst ending with Enter. */
export async function scanCard(page: Page, qr: string, keys: KeyCount): Promise<void> {
  await page.keyboard.type(qr, { delay: 5 });
  await page.keyboard.press('Enter');
  keys.scanner += qr.length + 1;
  const name = qr.split('|')[2]!;
  await page
    .getByRole('region', { name: 'Thông tin thẻ vừa quét' })
    .filter({ has: page.locator('.cccd-name', { hasText: name }) })
    .waitFor();
}

/** Presses a key on the focused element, counting it as the officer's. */
export async function officerKey(page: Page, key: string, keys: KeyCount): Promise<void> {
  await page.keyboard.press(key);
  keys.officer += 1;
}

async function typeCounted(page: Page, e: Entry, keys: KeyCount): Promise<void> {
  // Reaching the box is one key (Enter/Tab from the previous one); the test clicks to get there.
  keys.officer += 1;
  if ('key' in e) {
    await page.getByRole('radiogroup', { name: e.label, exact: true }).focus();
    await page.keyboard.press(e.key);
    keys.officer += 1;
    return;
  }
  const box = page.getByLabel(e.label, { exact: true });
  await box.click();
  const chars = [...e.text];
  // The desk's usual values complete after a few letters: Enter takes the completion.
  const start = chars.slice(0, COMPLETE_AFTER).join('');
  if (chars.length > COMPLETE_AFTER + 1) {
    await box.pressSequentially(start, { delay: HUMAN_KEY_MS });
    keys.officer += COMPLETE_AFTER;
    const hint = page.locator(`[id="${await box.getAttribute('id')}-complete"]`);
    const offered = (await hint.count()) > 0 ? ((await hint.textContent()) ?? '') : '';
    if (offered.replace(/^Enter\s*/, '') === e.text) {
      await box.press('Enter');
      keys.officer += 1;
      keys.savedByCompletion += chars.length - COMPLETE_AFTER - 1;
      if ((await box.inputValue()) !== e.text) throw new Error(`completion not taken in ${e.label}`);
      return;
    }
    await box.pressSequentially(chars.slice(COMPLETE_AFTER).join(''), { delay: HUMAN_KEY_MS });
    keys.officer += chars.length - COMPLETE_AFTER;
    return;
  }
  await box.pressSequentially(e.text, { delay: HUMAN_KEY_MS });
  keys.officer += chars.length;
}

/** Letters typed before looking at the completion offered. */
const COMPLETE_AFTER = 3;

/**
 * The scripted birth registration at the counter: the procedure is picked, both parents' cards are
 * scanned (the mother's fills the requester too), and the officer types the rest of the sample.
 * Returns the keys the officer pressed.
 */
export async function birthRegistrationWithCards(counter: Page): Promise<KeyCount> {
  const keys: KeyCount = { officer: 0, scanner: 0, savedByCompletion: 0 };
  const t = khaiSinh();
  const sample = t.samples[0]!.values;
  // Alt+N, "khai sinh", Enter.
  await startKhaiSinh(counter);
  keys.officer += 1 + 'khai sinh'.length + 1;

  // The cursor is in the first box when the mother's card is scanned: nothing lands in it.
  await counter.waitForFunction(() => document.activeElement?.closest('form[aria-label="Nhập tờ khai"]'));
  await scanCard(counter, MOTHER_QR, keys);
  await officerKey(counter, '1', keys); // Người yêu cầu
  await counter.getByText('Đã điền thông tin thẻ của Nguyễn Thị Thu Hà').waitFor();
  await officerKey(counter, '3', keys); // Người mẹ
  await counter.getByRole('button', { name: /^3\. .* ✓$/ }).waitFor();
  await scanCard(counter, FATHER_QR, keys);
  await officerKey(counter, '4', keys); // Người cha
  await counter.getByRole('button', { name: /^4\. .* ✓$/ }).waitFor();
  await officerKey(counter, 'Escape', keys);

  const fromCards = new Set(['requester', 'mother', 'father']);
  for (const e of entriesFor(t, sample)) {
    const block = e.field.split('.')[0]!;
    // What the cards gave is not typed again; the requester's relation still is.
    if (fromCards.has(block) && e.field !== 'requester.relation') continue;
    await typeCounted(counter, e, keys);
  }
  // Draft saved: every patch acknowledged.
  await counter.getByText('Đã lưu', { exact: true }).waitFor({ timeout: 10_000 });
  return keys;
}

/** Characters of the values printed on the form: the text of the document model's value spans. */
export function printedValueChars(values: Record<string, unknown>): number {
  return expectedValueTexts(khaiSinh(), values).reduce((n, x) => n + [...x.text].length, 0);
}
