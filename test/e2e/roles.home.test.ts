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

  it('lets the admin issue a kiosk link for a counter TV, which pairs the TV at once, and revoke it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('khongviet');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Đơn vị & quầy' }).first().click();
    await page.getByRole('button', { name: /UBND Xã Tân Dương/ }).click();
    const row = page.getByRole('row').filter({ hasText: 'Quầy số 2' });
    await row.getByRole('button', { name: 'Màn hình công dân' }).click();
    const panel = page.getByLabel('Màn hình công dân của Quầy số 2');
    await panel.getByText('Chưa có màn hình nào ghép với quầy này.').waitFor();
    await panel.getByLabel('Tên màn hình (tùy chọn)').fill('TV treo tường quầy 2');
    await panel.getByRole('button', { name: 'Tạo liên kết kiosk cho TV' }).click();
    const link = await panel.getByLabel('Liên kết kiosk').inputValue();
    expect(link).toMatch(/\/display#k=[A-Za-z0-9_-]{20,}$/);
    await panel.getByRole('cell', { name: /TV treo tường quầy 2/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-kiosk-link.png') });

    // The TV opens the link once: paired with that counter straight away, no code to type.
    const tv = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await tv.goto(link);
    await tv.getByText('UBND Xã Tân Dương').waitFor();
    await tv.getByText('Kính chào Quý ông/bà').waitFor();
    expect(await tv.getByTestId('pairing-code').count()).toBe(0);
    expect(tv.url()).not.toContain('#k=');
    await tv.screenshot({ path: join(SCREENSHOT_DIR, 'display-kiosk-idle.png') });

    // Revoked by the admin: the TV drops the pairing and asks for a code again.
    await panel.getByRole('button', { name: 'Thu hồi' }).click();
    await panel.getByText('Chưa có màn hình nào ghép với quầy này.').waitFor();
    await tv.getByTestId('pairing-code').waitFor({ timeout: 15_000 });
    await tv.close();
    await page.close();
  });
});
