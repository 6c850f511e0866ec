import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';
import { login, openCounter, startKhaiSinh } from './live-helpers.ts';

/** A person types slower than ~35 ms a key; faster bursts are what the counter takes for a card scanner. */
const HUMAN_KEY_MS = 40;

describe('the counter screen, keyboard first', () => {
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

  it('masks dates, picks choices by letter, copies a person, takes a scan, and switches citizens with one key', async () => {
    const page = await openCounter(browser, server.baseUrl);
    await startKhaiSinh(page);

    const birth = page.getByLabel('Ngày, tháng, năm sinh người được khai sinh', { exact: true });
    await birth.click();
    await page.keyboard.type('02062025', { delay: HUMAN_KEY_MS });
    expect(await birth.inputValue()).toBe('02/06/2025');
    await page.keyboard.press('Enter');
    // Enter moved on to the gender choice; "n" picks Nam, "n" again Nữ.
    const gender = page.getByRole('radiogroup', { name: 'Giới tính người được khai sinh' });
    await expect.poll(() => gender.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('n');
    await expect.poll(() => gender.getByRole('radio', { checked: true }).textContent()).toContain('Nam');
    await page.keyboard.press('n');
    await expect.poll(() => gender.getByRole('radio', { checked: true }).textContent()).toContain('Nữ');
    await page.keyboard.press('2');
    await expect.poll(() => gender.getByRole('radio', { checked: true }).textContent()).toContain('Nữ');

    // A wrong date says so, in Vietnamese, naming the field.
    const marriage = page.getByLabel('Ngày đăng ký kết hôn của cha, mẹ', { exact: true });
    await marriage.click();
    await page.keyboard.type('31022022', { delay: HUMAN_KEY_MS });
    await page.keyboard.press('Tab');
    await page.getByText('Ngày đăng ký kết hôn của cha, mẹ: tháng 2/2022 không có ngày 31').waitFor();

    // "Copy from": the requester is the mother.
    const requesterName = page.getByLabel('Họ, chữ đệm, tên người yêu cầu', { exact: true });
    await requesterName.click();
    await page.keyboard.type('Nguyễn Thị Thu Hà', { delay: HUMAN_KEY_MS });
    await page.getByLabel('Số giấy tờ — Giấy tờ tùy thân người yêu cầu', { exact: true }).click();
    await page.keyboard.type('087195001234', { delay: HUMAN_KEY_MS });
    await page.getByLabel('Sao chép thông tin vào Người mẹ').selectOption('requester');
    expect(await page.getByLabel('Họ, chữ đệm, tên người mẹ', { exact: true }).inputValue()).toBe(
      'Nguyễn Thị Thu Hà',
    );
    expect(
      await page.getByLabel('Số giấy tờ — Giấy tờ tùy thân người mẹ', { exact: true }).inputValue(),
    ).toBe('087195001234');

    // A scan fills the block the officer is in.
    await page.getByLabel('Họ, chữ đệm, tên người cha', { exact: true }).click();
    // The counter knows which block the officer is in once the preview marks it (then the scan goes there).
    await page.locator('[data-path="father.fullName"].kv-focus').first().waitFor();
    await page.evaluate(() => {
      window.dispatchEvent(
        new CustomEvent('kv:person-block', {
          detail: {
            values: { fullName: 'Trần Quốc Bảo', identity: { kind: 'cccd', number: '087093004567' } },
          },
        }),
      );
    });
    expect(await page.getByLabel('Họ, chữ đệm, tên người cha', { exact: true }).inputValue()).toBe(
      'Trần Quốc Bảo',
    );
    expect(
      await page.getByLabel('Số giấy tờ — Giấy tờ tùy thân người cha', { exact: true }).inputValue(),
    ).toBe('087093004567');

    // A second citizen, then back to the first with Alt+1: each keeps its own draft.
    await page.keyboard.press('Alt+N');
    await startKhaiSinh(page);
    const child = page.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true });
    await child.click();
    await page.keyboard.type('Lê Văn Hai', { delay: HUMAN_KEY_MS });
    await page.keyboard.press('Alt+1');
    await expect
      .poll(() => page.getByLabel('Họ, chữ đệm, tên người yêu cầu', { exact: true }).inputValue())
      .toBe('Nguyễn Thị Thu Hà');
    expect(await page.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true }).inputValue()).toBe(
      '',
    );
    await page.keyboard.press('Alt+2');
    await expect
      .poll(() => page.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true }).inputValue())
      .toBe('Lê Văn Hai');
    await page.getByText('Đã lưu', { exact: true }).waitFor();
  });

  it('tells the officer when his login ended (logged out in another tab) and keeps what he typed', async () => {
    const page = await openCounter(browser, server.baseUrl, 'tiepnhan.tanduong');
    await startKhaiSinh(page);
    const child = page.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true });
    await child.click();
    await page.keyboard.type('Võ Minh Tâm', { delay: HUMAN_KEY_MS });
    // Logged out from another tab of the same browser: the counter's socket is closed by the server.
    const other = await page.context().newPage();
    await other.goto(`${server.baseUrl}/`);
    const status = await other.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'x-csrf-token': me.csrfToken },
      });
      return r.status;
    });
    expect(status).toBe(200);
    const link = page.getByTestId('link-status');
    await expect.poll(() => link.textContent(), { timeout: 10_000 }).toContain('Phiên đăng nhập đã kết thúc');
    await link.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/counter-signed-out.png` });
    // Logging in again at the same PC: the citizen's draft is there, every letter.
    const again = await page.context().newPage();
    await login(again, server.baseUrl, 'tiepnhan.tanduong', '/quay');
    await again.goto(`${server.baseUrl}/quay`);
    await expect
      .poll(() => again.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true }).inputValue())
      .toBe('Võ Minh Tâm');
  });
});
