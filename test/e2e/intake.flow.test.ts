import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../src/server/test/samples.ts';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';

const KHAI_SINH = '1.001193';

async function apiLogin(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'khongviet' }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function uiLogin(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('khongviet');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.topbar .who').waitFor({ timeout: 10_000 });
}

describe('a birth registration from the desk to the tracking page', () => {
  let server: RunningServer;
  let browser: Browser;
  let code: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('receives the dossier and prints a receipt with its code, twice', async () => {
    // The counter screen (/quay) belongs to another feature; the desk's "receive" is its API call.
    const token = await apiLogin(server.baseUrl, 'tiepnhan');
    const res = await fetch(`${server.baseUrl}/api/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        procedureCode: KHAI_SINH,
        values: sampleValues('ho-tich', 'khai-sinh'),
        documents: [{ name: 'Giấy chứng sinh', kind: 'original', count: 1 }],
        counterId: 1,
      }),
    });
    expect(res.status).toBe(201);
    code = ((await res.json()) as { code: string }).code;
    const pdf = await fetch(`${server.baseUrl}/api/dossiers/${code}/receipt.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.status).toBe(200);
    const file = join(SCREENSHOT_DIR, 'intake-receipt.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.split(code).length - 1).toBe(2);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      file,
      join(SCREENSHOT_DIR, 'intake-receipt'),
    ]);
  });

  it('lets the processor find it in the queue and move it to processed', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await uiLogin(page, server.baseUrl, 'xuly');
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('tab', { name: 'Đã tiếp nhận' }).waitFor();
    await page.getByRole('link', { name: code }).waitFor();
    // Same-day procedure: due within one working day, so the queue marks it.
    expect(await page.locator('tr', { hasText: code }).getAttribute('class')).toMatch(/soon|overdue/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-queue.png') });

    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    await page.getByRole('button', { name: 'Chuyển xử lý' }).click();
    await page.getByRole('button', { name: 'Xác nhận: Chuyển xử lý' }).click();
    await page.locator('.status-badge', { hasText: 'Đang xử lý' }).waitFor();

    // A supplement request without a reason is refused in Vietnamese, then made properly.
    await page.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
    await page.getByRole('button', { name: 'Xác nhận: Yêu cầu bổ sung' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/Vui lòng nêu lý do/);
    await page
      .getByLabel('Giấy tờ, nội dung cần bổ sung (mỗi dòng một mục)')
      .fill('Giấy chứng sinh bản chính');
    await page.getByLabel('Lý do').fill('Giấy chứng sinh nộp là bản chụp');
    await page.getByRole('button', { name: 'Xác nhận: Yêu cầu bổ sung' }).click();
    await page.locator('.status-badge', { hasText: 'Yêu cầu bổ sung hồ sơ' }).waitFor();
    await page.getByRole('link', { name: 'Phiếu yêu cầu bổ sung' }).waitFor();
    await page.getByRole('button', { name: 'Đã nhận bổ sung' }).click();
    await page.getByRole('button', { name: 'Xác nhận: Đã nhận bổ sung' }).click();
    await page.locator('.status-badge', { hasText: 'Đang xử lý' }).waitFor();

    await page.getByRole('button', { name: 'Hoàn thành xử lý' }).click();
    await page.getByRole('button', { name: 'Xác nhận: Hoàn thành xử lý' }).click();
    await page.locator('.status-badge', { hasText: 'Đã xử lý xong' }).waitFor();
    const timeline = await page.locator('ol.timeline').textContent();
    expect(timeline).toContain('Giấy chứng sinh nộp là bản chụp');
    expect(timeline).toContain('Hoàn thành xử lý');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-dossier.png'), fullPage: true });

    // The control sheet built from those events opens as a PDF for the same session.
    const sheet = await page.request.get(`${server.baseUrl}/api/dossiers/${code}/slips/kiem-soat.pdf`);
    expect(sheet.status()).toBe(200);
    const file = join(SCREENSHOT_DIR, 'intake-kiem-soat.pdf');
    writeFileSync(file, await sheet.body());
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      file,
      join(SCREENSHOT_DIR, 'intake-kiem-soat'),
    ]);

    await page.getByRole('link', { name: 'Sổ theo dõi' }).click();
    await page.getByRole('link', { name: code }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-logbook.png') });
    await page.close();
  });

  it('shows the citizen the status on the phone without logging in', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/tra-cuu?ma=${encodeURIComponent(code)}`);
    await page.locator('.result .status').waitFor({ timeout: 10_000 });
    expect(await page.locator('.result .status').textContent()).toBe('Đã xử lý xong');
    const shown = await page.locator('.result').textContent();
    expect(shown).toContain('Đăng ký khai sinh');
    expect(shown).toContain('UBND Phường Sa Đéc');
    expect(shown).toMatch(/\*\*\*/);
    expect(await page.getByLabel('Tên đăng nhập').count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-tracking.png'), fullPage: true });

    await page.getByLabel('Mã hồ sơ').fill('000.00.29.H18-200101-9999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/Không tìm thấy hồ sơ/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-tracking-unknown.png') });
    await context.close();
  });
});
