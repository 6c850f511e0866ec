import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeQrVideo } from './fake-camera.ts';
import { CHROMIUM_PATH, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';

const CARD =
  '087195001234|361234567|Nguyễn Thị Thu Hà|12031995|Nữ|Số 12, đường Hùng Vương, Phường 1, Thành phố Sa Đéc, Đồng Tháp|20112021';

describe('reading the ID card with a camera', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    const video = join(mkdtempSync(join(tmpdir(), 'kv-cam-')), 'card.y4m');
    writeQrVideo(video, CARD);
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('fills the requester on the portal from the card seen by the phone camera', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, permissions: ['camera'] });
    const page = await ctx.newPage();
    await page.goto(`${server.baseUrl}/dich-vu-cong/1.001193`);
    await page.getByRole('button', { name: 'Quét CCCD: Người yêu cầu' }).click();
    await page.getByRole('button', { name: 'Quét bằng máy ảnh' }).click();
    const name = page.locator('[data-key="requester.fullName"] input');
    await expect.poll(() => name.inputValue(), { timeout: 15_000 }).toBe('Nguyễn Thị Thu Hà');
    const identity = await page.locator('[data-key="requester.identity"]').textContent();
    expect(identity).not.toBeNull();
    expect(await page.locator('[data-key="requester.identity"] input').first().inputValue()).toBeTruthy();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-camera-scan-360.png') });
  });
});
