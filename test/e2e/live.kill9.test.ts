import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness.ts';
import { login, startKhaiSinh } from './live-helpers.ts';
import { TcpProxy } from './tcp-proxy.ts';

const NAME = 'Trần Minh Khôi';
const PLACE = 'Bệnh viện Đa khoa Sa Đéc, số 153 Nguyễn Sinh Sắc, phường Sa Đéc, tỉnh Đồng Tháp';

function portOf(s: RunningServer): number {
  return Number(new URL(s.baseUrl).port);
}

describe('nothing typed is lost when the server is killed with SIGKILL', () => {
  let first: RunningServer | undefined;
  let second: RunningServer | undefined;
  let browser: Browser;
  const proxy = new TcpProxy();
  beforeAll(async () => {
    first = await startServer();
    await proxy.listen();
    proxy.target = portOf(first);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await first?.stop();
    await second?.stop();
    await proxy.close();
  });

  it('kills the server in the middle of typing, restarts it, reopens the counter and finds every character', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await login(page, proxy.baseUrl, 'tiepnhan', '/quay');
    await page.goto(`${proxy.baseUrl}/quay`);
    await page.getByRole('button', { name: 'Quầy số 1' }).click();
    await startKhaiSinh(page);
    const name = page.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true });
    await name.click();
    await name.pressSequentially(NAME, { delay: 40 });
    await page.getByText('Đã lưu', { exact: true }).waitFor();

    const place = page.getByLabel('Nơi sinh', { exact: true });
    await place.click();
    // A person's pace: a faster burst is what the counter takes for an ID-card scanner.
    const typing = place.pressSequentially(PLACE, { delay: 40 });
    await page.waitForTimeout(500);
    first!.process.kill('SIGKILL');
    await typing;
    await page.getByText(/Mất kết nối/).waitFor({ timeout: 10_000 });
    expect(await place.inputValue()).toBe(PLACE);
    // The browser is closed with unsent typing: only IndexedDB holds it now.
    await page.close();

    second = await startServer({ DATA_DIR: first!.dataDir });
    proxy.target = portOf(second);
    const again = await ctx.newPage();
    await again.goto(`${proxy.baseUrl}/quay`);
    const placeAgain = again.getByLabel('Nơi sinh', { exact: true });
    await placeAgain.waitFor({ timeout: 20_000 });
    expect(await placeAgain.inputValue()).toBe(PLACE);
    expect(
      await again.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true }).inputValue(),
    ).toBe(NAME);
    await again.getByText('Đã lưu', { exact: true }).waitFor({ timeout: 20_000 });

    // And the server's draft has every character too, after the replay.
    const sessions = await again.evaluate(async () => {
      const r = await fetch(`/api/live/sessions?counterId=${localStorage.getItem('kv.counterId')}`);
      return r.json();
    });
    expect(sessions[0].values.child).toMatchObject({ fullName: NAME, birthPlace: PLACE });
  });
});
