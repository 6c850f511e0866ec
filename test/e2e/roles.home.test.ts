import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';

const ROLES = [
  { username: 'quantri', expects: 'Quản trị hệ thống', heading: 'Đơn vị & quầy' },
  { username: 'tiepnhan', expects: 'Cán bộ tiếp nhận', heading: 'Quầy làm việc' },
  { username: 'xuly', expects: 'Chuyên viên xử lý', heading: 'Đồng nghiệp cùng đơn vị' },
  { username: 'lanhdao', expects: 'Lãnh đạo', heading: 'Tình hình giải quyết hồ sơ' },
  { username: 'tiepnhan.tanduong', expects: 'Cán bộ tiếp nhận', heading: 'Quầy làm việc' },
];

describe('the web shell in a real browser', () => {
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

  it.each(ROLES)(
    "logs in as $username and shows that role's home page",
    async ({ username, expects, heading }) => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(server.baseUrl);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill('khongviet');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.locator('.topbar .who').waitFor({ timeout: 10_000 });
      expect(await page.locator('.topbar .who').textContent()).toContain(expects);
      await page.getByText(heading).first().waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `home-${username}.png`) });
      await page.close();
    },
  );

  it('shows a Vietnamese error for a wrong password', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('sai');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    expect(await page.getByRole('alert').textContent({ timeout: 10_000 })).toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'login-error.png') });
    await page.close();
  });

  it('lets the admin see the unit tree, add a counter and see it listed', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('khongviet');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Đơn vị & quầy' }).first().click();
    await page.getByRole('button', { name: /UBND Phường Sa Đéc/ }).click();
    await page.getByLabel('Số quầy').fill('4');
    await page.getByLabel('Tên quầy').fill('Quầy số 4 — Đất đai');
    await page.getByRole('button', { name: 'Thêm quầy' }).click();
    await page.getByRole('cell', { name: 'Quầy số 4 — Đất đai' }).waitFor();
    await page.getByLabel('Số quầy').fill('4');
    await page.getByLabel('Tên quầy').fill('Trùng số');
    await page.getByRole('button', { name: 'Thêm quầy' }).click();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toBe('Số quầy đã có trong đơn vị này');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-units.png') });
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('cell', { name: 'Võ Thị Ngọc Dung' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-users.png') });
    await page.close();
  });
});
