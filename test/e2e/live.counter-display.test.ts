import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';
import {
  entriesFor,
  expectedValueTexts,
  khaiSinh,
  openCounter,
  openDisplay,
  pair,
  startKhaiSinh,
  typeEntry,
} from './live-helpers.ts';

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

describe('the counter and the citizen display, paired by code, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('types a full birth registration: the display shows every value, highlighted while typed, and the PDF says the same', async () => {
    const t = khaiSinh();
    const sample = t.samples[0]!.values;
    const display = await openDisplay(browser, server.baseUrl);
    expect(display.code).toMatch(/^[A-Z0-9]{6}$/);
    await display.page.screenshot({ path: join(SCREENSHOT_DIR, 'live-display-pairing.png') });

    const counter = await openCounter(browser, server.baseUrl);
    await pair(counter, display.code);
    await display.page.getByText('UBND Phường Sa Đéc').first().waitFor();
    await display.page.screenshot({ path: join(SCREENSHOT_DIR, 'live-display-idle.png') });

    await startKhaiSinh(counter);
    await display.page.locator('.kv-doc').waitFor();

    for (const e of entriesFor(t, sample)) {
      await typeEntry(counter, e);
      // While typed, the field is highlighted on the display.
      const focused = display.page.locator(`.kv-focus[data-path^="${e.field}"]`).first();
      await focused.waitFor({ timeout: 5000 });
      if ('text' in e && e.field === 'child.birthPlace') {
        await display.page.locator('.kv-focus').getByText(e.text.slice(0, 20)).first().waitFor();
        await display.page.screenshot({ path: join(SCREENSHOT_DIR, 'live-display-typing.png') });
        await counter.screenshot({ path: join(SCREENSHOT_DIR, 'live-counter-typing.png') });
      }
    }
    // Every value of the document as the template engine builds it is on the display, at its path.
    const expected = expectedValueTexts(t, sample);
    expect(expected.length).toBeGreaterThan(20);
    await counter.getByText('Đã lưu', { exact: true }).waitFor({ timeout: 10_000 });
    await expect
      .poll(
        async () => {
          const shown = await display.page
            .locator('.kv-doc [data-path]')
            .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-path')}=${el.textContent}`));
          return expected.filter((x) => !shown.includes(`${x.path}=${x.text}`));
        },
        { timeout: 10_000 },
      )
      .toEqual([]);
    // The display and the officer's preview say the same.
    const displayText = (await display.page.locator('.kv-doc').textContent()) ?? '';
    const previewText = (await counter.locator('.cp-preview .kv-doc').textContent()) ?? '';
    expect(squash(displayText)).toBe(squash(previewText));

    // Review: the whole document with the banner; the officer records the confirmation.
    await counter.keyboard.press('F7');
    await display.page.getByText('Xin ông/bà kiểm tra lại thông tin').waitFor();
    expect(await display.page.locator('.kv-focus').count()).toBe(0);
    await display.page.screenshot({ path: join(SCREENSHOT_DIR, 'live-display-review.png') });
    await counter.keyboard.press('F8');
    await counter.getByText('Công dân đã xác nhận', { exact: true }).waitFor();
    await counter.screenshot({ path: join(SCREENSHOT_DIR, 'live-counter-review.png') });

    // Print: the key opens the PDF in a hidden frame; the PDF holds every value of the display.
    await counter.keyboard.press('F9');
    await counter.getByText('Đã gửi 1 bản tới hộp thoại in').waitFor({ timeout: 20_000 });
    const pdfBase64 = await counter.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const sessions = await (
        await fetch(`/api/live/sessions?counterId=${localStorage.getItem('kv.counterId')}`)
      ).json();
      const res = await fetch(`/api/live/sessions/${sessions[0].id}/print`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ copies: 1 }),
      });
      const buf = new Uint8Array(await res.arrayBuffer());
      let s = '';
      for (const b of buf) s += String.fromCharCode(b);
      return btoa(s);
    });
    const pdfFile = join(server.dataDir, 'printed.pdf');
    writeFileSync(pdfFile, Buffer.from(pdfBase64, 'base64'));
    const pdfText = squash(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }));
    const missing = expected.filter((x) => !pdfText.includes(squash(x.text)));
    expect(missing).toEqual([]);

    // Ending the session clears the display at once.
    counter.once('dialog', (d) => void d.accept());
    await counter.keyboard.press('Alt+K');
    await display.page.getByText('Kính chào Quý ông/bà').waitFor({ timeout: 3000 });
    expect(await display.page.locator('.kv-doc').count()).toBe(0);
    expect(await display.page.content()).not.toContain('Khôi');
    await display.page.screenshot({ path: join(SCREENSHOT_DIR, 'live-display-cleared.png') });
  });
});
