import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SAMPLE = (
  JSON.parse(readFileSync('templates/ho-tich/khai-sinh.json', 'utf8')) as { samples: { values: unknown }[] }
).samples[0]!.values;

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string; nodes: unknown[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

async function apiAs(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'khongviet' }),
  });
  const token = ((await res.json()) as { token: string }).token;
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: (await r.json()) as any };
  };
}

describe('the public portal on a phone', () => {
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

  async function phone(): Promise<Page> {
    const ctx = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    });
    return ctx.newPage();
  }

  it('finds a procedure without diacritics and shows what to bring, with no serious accessibility issue', async () => {
    const page = await phone();
    await page.goto(`${server.baseUrl}/dich-vu-cong`);
    await page.getByLabel('Tìm thủ tục (gõ không dấu cũng được)').fill('dang ky khai sinh');
    await page.getByRole('heading', { name: 'Đăng ký khai sinh', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Đăng ký kết hôn' }).count()).toBe(0);
    await page.getByText('Giấy tờ cần mang, lệ phí, nơi nộp').first().click();
    expect(await page.locator('.pt-card').first().textContent()).toContain('Giấy chứng sinh');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-catalogue-360.png'), fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });

  it('fills a birth registration, keeps it on the device, and gives a prefill code the desk can receive once', async () => {
    const page = await phone();
    await page.goto(`${server.baseUrl}/dich-vu-cong`);
    const unitId = await page.evaluate(
      async () =>
        ((await (await fetch('/api/public/units')).json()) as { id: number; name: string }[]).find((u) =>
          u.name.includes('Sa Đéc'),
        )!.id,
    );
    // The citizen filled most of the form yesterday; the draft is still on the phone.
    await page.evaluate(
      ([k, v]) => localStorage.setItem(k as string, v as string),
      [`kv.portal.draft.${unitId}.1.001193`, JSON.stringify(SAMPLE)],
    );
    await page.evaluate((id) => localStorage.setItem('kv.portal.unitId', String(id)), unitId);
    await page.goto(`${server.baseUrl}/dich-vu-cong/1.001193`);
    const childName = page.locator('[data-key="child.fullName"] input');
    await childName.waitFor();
    expect(await childName.inputValue()).toBe('Trần Minh Khôi');
    await childName.fill('Trần Minh Khang');
    await page.reload();
    await childName.waitFor();
    expect(await childName.inputValue()).toBe('Trần Minh Khang');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-form-360.png'), fullPage: false });
    await page.getByRole('button', { name: 'Xem tờ khai như khi in' }).click();
    expect(await page.locator('.pt-preview').textContent()).toContain('Trần Minh Khang'.toUpperCase());
    await page.getByRole('button', { name: 'Mang đến quầy (nhận mã khai trước)' }).click();
    const code = (await page.locator('.pt-code').textContent({ timeout: 10_000 }))!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-prefill-code-360.png'), fullPage: true });

    const officer = await apiAs(server.baseUrl, 'tiepnhan');
    const opened = await officer('GET', `/api/prefills/${code}`);
    expect(opened.body.values.child.fullName).toBe('Trần Minh Khang');
    const received = await officer('POST', '/api/dossiers', {
      procedureCode: '1.001193',
      values: opened.body.values,
      prefillCode: code,
    });
    expect(received.status).toBe(201);
    expect(
      (
        await officer('POST', '/api/dossiers', {
          procedureCode: '1.001193',
          values: opened.body.values,
          prefillCode: code,
        })
      ).status,
    ).toBe(409);
  });

  it('submits online; the officer receives it from the queue; the tracking page shows it', async () => {
    const page = await phone();
    await page.goto(`${server.baseUrl}/dich-vu-cong`);
    const unitId = await page.evaluate(
      async () =>
        ((await (await fetch('/api/public/units')).json()) as { id: number; name: string }[]).find((u) =>
          u.name.includes('Sa Đéc'),
        )!.id,
    );
    await page.evaluate(
      ([k, v]) => localStorage.setItem(k as string, v as string),
      [`kv.portal.draft.${unitId}.1.001193`, JSON.stringify(SAMPLE)],
    );
    await page.evaluate((id) => localStorage.setItem('kv.portal.unitId', String(id)), unitId);
    await page.goto(`${server.baseUrl}/dich-vu-cong/1.001193`);
    await page.locator('[data-key="child.fullName"] input').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
    const code = (await page.locator('.pt-code').textContent({ timeout: 10_000 }))!.trim();
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    // A photo of the birth certificate, taken with the phone, goes with the dossier.
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(256, 7),
    ]);
    await page
      .locator('.pt-file input')
      .setInputFiles({ name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: png });
    await page.getByText('Đã gửi: giay-chung-sinh.png').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-online-done-360.png'), fullPage: true });
    const officer = await apiAs(server.baseUrl, 'tiepnhan');
    const queue = await officer('GET', '/api/dossiers?status=new');
    expect(queue.body.map((d: { code: string }) => d.code)).toContain(code);
    expect((await officer('GET', `/api/dossiers/${code}/attachments`)).body).toHaveLength(1);
    // The officer receives it from the online queue, in the browser.
    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await desk.goto(server.baseUrl);
    await desk.getByLabel('Tên đăng nhập').fill('tiepnhan');
    await desk.getByLabel('Mật khẩu').fill('khongviet');
    await desk.getByRole('button', { name: 'Đăng nhập' }).click();
    await desk.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await desk.getByRole('tab', { name: 'Trực tuyến chờ tiếp nhận' }).click();
    await desk.getByRole('link', { name: code }).click();
    await desk.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await desk.getByRole('button', { name: 'Xác nhận: Tiếp nhận' }).click();
    await expect
      .poll(async () => (await officer('GET', `/api/dossiers/${code}`)).body.status, { timeout: 10_000 })
      .toBe('received');
    await desk.screenshot({ path: join(SCREENSHOT_DIR, 'queue-online-received.png') });
    await desk.close();
    await page.goto(`${server.baseUrl}/tra-cuu?ma=${encodeURIComponent(code)}`);
    await page.getByText('Đã tiếp nhận').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-tracking-360.png'), fullPage: true });
  });
  it("shows a refusal's reason to the holder of the secret, and asks for a rating once the result is returned", async () => {
    const page = await phone();
    await page.goto(`${server.baseUrl}/dich-vu-cong`);
    const unitId = await page.evaluate(
      async () =>
        ((await (await fetch('/api/public/units')).json()) as { id: number; name: string }[]).find((u) =>
          u.name.includes('Sa Đéc'),
        )!.id,
    );
    const sub = await page.evaluate(
      async ([values, unit]) =>
        (await (
          await fetch('/api/public/submissions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ procedureCode: '1.001193', unitId: unit, values, mode: 'online' }),
          })
        ).json()) as { code: string; secret: string },
      [SAMPLE, unitId] as const,
    );
    const officer = await apiAs(server.baseUrl, 'tiepnhan');
    await officer('POST', `/api/dossiers/${sub.code}/actions`, {
      action: 'refuse',
      reason: 'Giấy chứng sinh không rõ nét, đề nghị nộp lại bản chính',
    });
    await page.goto(
      `${server.baseUrl}/tra-cuu?ma=${encodeURIComponent(sub.code)}&bi-mat=${encodeURIComponent(sub.secret)}`,
    );
    await page
      .getByText('Giấy chứng sinh không rõ nét, đề nghị nộp lại bản chính')
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tracking-refused-360.png'), fullPage: true });
    // Without the secret, the reason stays hidden.
    await page.goto(`${server.baseUrl}/tra-cuu?ma=${encodeURIComponent(sub.code)}`);
    await page.getByText('Không được tiếp nhận').first().waitFor();
    expect(await page.getByText('Giấy chứng sinh không rõ nét').count()).toBe(0);

    const made = await officer('POST', '/api/dossiers', { procedureCode: '1.001193', values: SAMPLE });
    await officer('POST', `/api/dossiers/${made.body.code}/actions`, { action: 'finish' });
    await officer('POST', `/api/dossiers/${made.body.code}/actions`, { action: 'return_result' });
    await page.goto(`${server.baseUrl}/tra-cuu?ma=${encodeURIComponent(made.body.code)}`);
    await page.getByRole('button', { name: 'Rất hài lòng' }).waitFor({ timeout: 10_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tracking-rating-360.png'), fullPage: true });
    await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await page.getByText('Cảm ơn ông/bà đã đánh giá.').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Không hài lòng' }).click();
    expect(await page.getByRole('alert').textContent({ timeout: 10_000 })).toContain('đã được đánh giá');
  });
});
