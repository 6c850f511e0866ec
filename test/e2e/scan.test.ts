import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';

const MOTHER =
  '087195001234|341234567|Nguyễn Thị Ánh Tuyết|12031995|Nữ|Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp|15042021';
const FATHER = '087093004321||Trần Văn Bình|02021993|Nam|Khóm 3, Phường Sa Đéc, Đồng Tháp|10082024|||';
const SPLIT =
  '001190012345||Lê Văn Hà|05051990|Nam|5 Xuân Thủy, Phường Dịch Vọng Hậu, Quận Cầu Giấy, Hà Nội|01062021';

describe('scanning an ID card at the counter, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill('tiepnhan');
    await page.getByLabel('Mật khẩu').fill('khongviet');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.topbar .who').waitFor({ timeout: 10_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openPage() {
    await page.goto(`${server.baseUrl}/thu-quet`);
    await page.getByRole('heading', { name: 'Thử quét thẻ CCCD' }).waitFor();
  }

  /** A USB scanner in keyboard mode: a burst a few milliseconds apart, then Enter. */
  async function scan(text: string) {
    // As fast as the browser takes keys: a USB scanner sends a card in a few milliseconds per character.
    await page.keyboard.type(text, { delay: 0 });
    await page.keyboard.press('Enter');
  }

  it('keeps a scan out of the focused field and shows the card with its converted address', async () => {
    await openPage();
    const field = page.getByTestId('typing-field');
    await field.click();
    await page.keyboard.type('abc', { delay: 120 });
    await scan(MOTHER);
    const panel = page.getByRole('region', { name: 'Thông tin thẻ vừa quét' });
    await panel.waitFor({ timeout: 10_000 });
    expect(await field.inputValue()).toBe('abc');
    expect(await panel.locator('.cccd-name').textContent()).toBe('Nguyễn Thị Ánh Tuyết');
    expect(await panel.locator('.cccd-old').textContent()).toBe(
      'Ấp Tân Hòa, xã Tân Khánh Đông, thành phố Sa Đéc, Đồng Tháp',
    );
    expect(await panel.locator('.cccd-new').textContent()).toBe('Ấp Tân Hòa, Phường Sa Đéc, Tỉnh Đồng Tháp');
    expect(await page.getByTestId('scan-count').textContent()).toContain('1');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scan-mother.png') });

    await panel.getByRole('button', { name: 'Mẹ' }).click();
    const mother = page.locator('[data-target="mother"]');
    expect(await mother.textContent()).toContain('Nguyễn Thị Ánh Tuyết');
    expect(await mother.textContent()).toContain('Phường Sa Đéc, Tỉnh Đồng Tháp');

    // The officer keeps typing in the same field after the scan.
    await field.click();
    await page.keyboard.type('d', { delay: 100 });
    expect(await field.inputValue()).toBe('abcd');
  });

  it('scans a second card with nothing focused and fills another block', async () => {
    await page.locator('h1').click();
    await scan(FATHER);
    const panel = page.getByRole('region', { name: 'Thông tin thẻ vừa quét' });
    await panel.locator('.cccd-name', { hasText: 'Trần Văn Bình' }).waitFor({ timeout: 10_000 });
    expect(await panel.textContent()).toContain('Thẻ căn cước');
    await panel.getByRole('button', { name: 'Cha' }).click();
    expect(await page.locator('[data-target="father"]').textContent()).toContain('087093004321');
    expect(await page.locator('[data-target="mother"]').textContent()).toContain('Nguyễn Thị Ánh Tuyết');
  });

  it('lets ordinary typing through, Enter included', async () => {
    await openPage();
    const field = page.getByTestId('typing-field');
    await field.click();
    const text = 'Nguyen Van An 0912345678 Sa Dec';
    await page.keyboard.type(text, { delay: 60 });
    await page.keyboard.press('Enter');
    expect(await field.inputValue()).toBe(text);
    expect(await page.getByTestId('scan-count').textContent()).toContain('0');
  });

  it('gives a fast burst without Enter back to the field (a text expander, not a scanner)', async () => {
    await openPage();
    const field = page.getByTestId('typing-field');
    await field.click();
    await page.keyboard.type('Ủy ban nhân dân phường Sa Đéc', { delay: 5 });
    await page.waitForTimeout(600);
    expect(await field.inputValue()).toBe('Ủy ban nhân dân phường Sa Đéc');
    expect(await page.getByTestId('scan-count').textContent()).toContain('0');
  });

  it('asks the officer to choose when the old commune was split', async () => {
    await openPage();
    await scan(SPLIT);
    const panel = page.getByRole('region', { name: 'Thông tin thẻ vừa quét' });
    await panel.waitFor({ timeout: 10_000 });
    const fill = panel.getByRole('button', { name: 'Người yêu cầu' });
    expect(await fill.isDisabled()).toBe(true);
    await panel.getByLabel('Phường Nghĩa Đô, Thành phố Hà Nội').check();
    await fill.click();
    expect(await page.locator('[data-target="requester"]').textContent()).toContain(
      '5 Xuân Thủy, Phường Nghĩa Đô, Thành phố Hà Nội',
    );
  });

  it('shows the reason when the scan is not a card', async () => {
    await openPage();
    await scan('087195001234|341234567|Nguyễn Thị Ánh Tuyết|12031995');
    const alert = page.getByRole('alert');
    expect(await alert.textContent({ timeout: 10_000 })).toMatch(/Không phải mã QR trên thẻ CCCD/);
  });

  it('suggests communes without diacritics and picks one with the keyboard', async () => {
    await openPage();
    await page.getByRole('combobox', { name: 'Xã/phường, tỉnh/thành phố' }).click();
    await page.keyboard.type('sa dec', { delay: 60 });
    await page.getByRole('option', { name: 'Phường Sa Đéc, Đồng Tháp' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.getByLabel('Số nhà, đường, ấp/khóm/tổ').fill('Khóm 2');
    expect(await page.getByTestId('address-value').textContent()).toBe(
      'Khóm 2, Phường Sa Đéc, Tỉnh Đồng Tháp',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scan-address.png') });
  });
});
