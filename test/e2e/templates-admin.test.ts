import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';

describe('the template admin screens in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const files = mkdtempSync(join(tmpdir(), 'kv-tpl-e2e-'));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('khongviet');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.topbar .who').waitFor({ timeout: 10_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the templates by field and previews one in HTML next to its PDF', async () => {
    await page.getByRole('link', { name: 'Mẫu đơn' }).click();
    const list = page.getByRole('navigation', { name: 'Danh sách mẫu đơn' });
    await list.getByRole('heading', { name: 'Hộ tịch' }).waitFor();
    await list.getByRole('heading', { name: 'Một cửa' }).waitFor();
    const pdfResponse = page.waitForResponse((r) => r.url().includes('/samples/0/render?format=pdf'));
    await list.getByRole('button', { name: /Tờ khai đăng ký khai sinh/ }).click();
    const html = page.getByRole('region', { name: 'Xem trên màn hình' });
    await html.getByText('TỜ KHAI ĐĂNG KÝ KHAI SINH').waitFor();
    expect(await html.textContent()).toContain('TRẦN MINH KHÔI');
    const pdf = await pdfResponse;
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    // The viewer consumes the frame's response; the same URL fetched with the session cookie is the PDF.
    const bytes = await (await page.request.get(pdf.url())).body();
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // Give the built-in PDF viewer time to paint before the screenshot.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'templates-admin-preview.png') });
    expect(cspViolations).toEqual([]);
  });

  it('exports the shown version as a JSON file', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Xuất JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('khai-sinh-v1.json');
    const path = join(files, 'khai-sinh-v1.json');
    await file.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8'));
    expect(exported).toMatchObject({ id: 'khai-sinh', version: 1, title: 'Tờ khai đăng ký khai sinh' });
  });

  it('imports a changed file as version 2 and still previews version 1', async () => {
    const exported = JSON.parse(readFileSync(join(files, 'khai-sinh-v1.json'), 'utf8'));
    exported.layout = exported.layout.map((b: { type: string }) =>
      b.type === 'title' ? { ...b, text: 'TỜ KHAI ĐĂNG KÝ KHAI SINH (MẪU THỬ)' } : b,
    );
    const changed = join(files, 'khai-sinh-changed.json');
    writeFileSync(changed, JSON.stringify(exported));
    await page.locator('input[type=file]').setInputFiles(changed);
    expect(await page.getByRole('status').textContent()).toBe('Đã nhập mẫu khai-sinh, phiên bản 2');
    const html = page.getByRole('region', { name: 'Xem trên màn hình' });
    await html.getByText('TỜ KHAI ĐĂNG KÝ KHAI SINH (MẪU THỬ)').waitFor();
    const versions = page.getByLabel('Phiên bản');
    expect(await versions.locator('option').allTextContents()).toEqual([
      expect.stringMatching(/^v2 \(mới nhất\) · nhập /),
      expect.stringMatching(/^v1 · tệp gốc /),
    ]);
    const oldPdf = page.waitForResponse((r) => r.url().includes('render?format=pdf&version=1'));
    await versions.selectOption('1');
    await page.getByRole('note').getByText('Đang xem phiên bản cũ v1').waitFor();
    await html.getByText('TỜ KHAI ĐĂNG KÝ KHAI SINH', { exact: true }).waitFor();
    expect(await html.textContent()).not.toContain('MẪU THỬ');
    expect((await oldPdf).status()).toBe(200);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'templates-admin-old-version.png') });
  });

  it('shows the errors of an invalid file by path', async () => {
    const broken = JSON.parse(readFileSync(join(files, 'khai-sinh-v1.json'), 'utf8'));
    broken.fields[0].type = 'mau-sac';
    broken.layout.push({ type: 'paragraph', runs: [{ value: 'khong.co' }] });
    const path = join(files, 'broken.json');
    writeFileSync(path, JSON.stringify(broken));
    await page.locator('input[type=file]').setInputFiles(path);
    const alert = page.getByRole('alert');
    await alert.getByText('Không nhập được broken.json').waitFor();
    const errors = page.getByRole('table', { name: 'Lỗi theo vị trí' });
    expect(await errors.getByRole('cell', { name: 'fields[0].type' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'templates-admin-import-errors.png') });

    const notJson = join(files, 'not-json.json');
    writeFileSync(notJson, '{ "id": "khai-sinh", ');
    await page.locator('input[type=file]').setInputFiles(notJson);
    await page.getByRole('alert').getByText('Tệp not-json.json không phải JSON hợp lệ').waitFor();
    expect(await page.getByRole('table', { name: 'Lỗi theo vị trí' }).count()).toBe(0);
    expect(cspViolations).toEqual([]);
  });
});
