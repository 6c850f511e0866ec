import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../src/server/test/samples.ts';
import { birthRegistrationWithCards } from './counter-script.ts';
import { launchBrowser, type RunningServer, SCREENSHOT_DIR, startServer } from './harness.ts';
import { entriesFor, khaiSinh, openCounter, pair, startKhaiSinh, typeEntry } from './live-helpers.ts';

const KHAI_SINH = '1.001193';
const shot = (name: string) => join(SCREENSHOT_DIR, `${name}.png`);

async function apiLogin(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'khongviet' }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** A TV display with a touch screen, paired to the counter by its code. */
async function touchDisplay(browser: Browser, baseUrl: string, counter: Page): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(`${baseUrl}/display`);
  const code = ((await page.getByTestId('pairing-code').textContent({ timeout: 15_000 })) ?? '').trim();
  await pair(counter, code);
  await page.getByText('UBND Phường Sa Đéc').first().waitFor();
  return page;
}

/** Ticks every document of the checklist and receives; returns the dossier code shown. */
async function receiveAtCounter(counter: Page): Promise<string> {
  const panel = counter.getByRole('region', { name: 'Tiếp nhận hồ sơ' });
  await panel.waitFor();
  const boxes = panel.getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await boxes.first().focus();
  await counter.keyboard.press('Enter');
  const code = counter.getByTestId('dossier-code');
  await code.waitFor({ timeout: 15_000 });
  return ((await code.textContent()) ?? '').trim();
}

async function typeSample(counter: Page): Promise<void> {
  const t = khaiSinh();
  for (const e of entriesFor(t, t.samples[0]!.values)) await typeEntry(counter, e);
  await counter.getByText('Đã lưu', { exact: true }).waitFor({ timeout: 10_000 });
}

describe('the counter receives the dossier, prints the receipt and the display asks for a rating', () => {
  let server: RunningServer;
  let browser: Browser;
  let counter: Page;
  let display: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    counter = await openCounter(browser, server.baseUrl);
    display = await touchDisplay(browser, server.baseUrl, counter);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes from the form through print to receipt, a receipt PDF and the tracking page', async () => {
    const startedAt = new Date().toISOString();
    await startKhaiSinh(counter);
    await typeSample(counter);

    // A required document not ticked keeps the dossier from being received.
    await counter.keyboard.press('F9');
    await counter.getByText('Đã gửi 1 bản tới hộp thoại in').waitFor({ timeout: 20_000 });
    const panel = counter.getByRole('region', { name: 'Tiếp nhận hồ sơ' });
    await panel.waitFor();
    await panel.getByRole('checkbox').first().focus();
    await counter.keyboard.press('Enter');
    await panel.getByText(/Chưa nhận đủ giấy tờ bắt buộc/).waitFor();
    await counter.screenshot({ path: shot('receive-checklist') });

    const code = await receiveAtCounter(counter);
    expect(code).toMatch(/^000\.00\.29\.H18-\d{6}-\d{4}$/);
    expect(await counter.getByTestId('dossier-due').textContent()).toMatch(
      /\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/,
    );
    await expect.poll(() => counter.locator('iframe.cp-print-frame').count()).toBeGreaterThan(0);
    await counter.screenshot({ path: shot('receive-done') });
    // The session is over: no tab left for this citizen.
    expect(await counter.locator('.cp-tabs button[aria-pressed]').count()).toBe(0);

    const pdf = await counter.request.get(`${server.baseUrl}/api/dossiers/${code}/receipt.pdf`);
    expect(pdf.status()).toBe(200);
    const file = join(SCREENSHOT_DIR, 'receive-receipt.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(code);
    expect(text).toContain('Giấy chứng sinh');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      join(SCREENSHOT_DIR, 'receive-receipt'),
    ]);

    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(`${server.baseUrl}/tra-cuu?ma=${encodeURIComponent(code)}`);
    await phone.locator('.result .status').waitFor({ timeout: 10_000 });
    expect(await phone.locator('.result .status').textContent()).toBe('Đã tiếp nhận');
    await phone.screenshot({ path: shot('receive-tracking') });
    await phone.close();

    // The citizen's display asks at once; a tap records the rating.
    await display.getByText('Ông/bà có hài lòng với việc tiếp nhận hồ sơ?').waitFor({ timeout: 5000 });
    expect(await display.locator('.kv-doc').count()).toBe(0);
    expect(await display.content()).not.toContain('Khôi');
    await display.screenshot({ path: shot('receive-display-rating') });
    await display.getByRole('button', { name: 'Không hài lòng' }).tap();
    await display.getByRole('button', { name: 'Thời gian chờ' }).tap();
    await display.screenshot({ path: shot('receive-display-reasons') });
    await display.getByRole('button', { name: 'Gửi đánh giá' }).tap();
    await display.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
    await display.screenshot({ path: shot('receive-display-thanks') });

    const leader = await apiLogin(server.baseUrl, 'lanhdao');
    // Only the ratings cast since this test began (the demo data has its own).
    const stats = (await (
      await fetch(`${server.baseUrl}/api/stats/satisfaction?from=${encodeURIComponent(startedAt)}`, {
        headers: { authorization: `Bearer ${leader}` },
      })
    ).json()) as { unsatisfied: number; total: number; reasons: Record<string, number> };
    expect(stats.unsatisfied).toBe(1);
    expect(stats.total).toBe(1);
    expect(stats.reasons.waiting).toBe(1);

    // The same display cannot rate the dossier twice.
    const again = await display.evaluate(async (dossierCode) => {
      const res = await fetch('/api/live/display/rating', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-display-token': localStorage.getItem('kv.displayToken') ?? '',
        },
        body: JSON.stringify({ dossierCode, rating: 'very_satisfied' }),
      });
      return res.status;
    }, code);
    expect(again).toBe(409);
  });

  it('fills both parents from their ID cards scanned as a burst, on the counter and on the display', async () => {
    const keys = await birthRegistrationWithCards(counter);
    expect(keys.scanner).toBeGreaterThan(150);
    const field = (label: string) => counter.getByLabel(label, { exact: true }).inputValue();
    expect(await field('Họ, chữ đệm, tên người mẹ')).toBe('Nguyễn Thị Thu Hà');
    expect(await field('Họ, chữ đệm, tên người cha')).toBe('Trần Quốc Bảo');
    expect(await field('Họ, chữ đệm, tên người yêu cầu')).toBe('Nguyễn Thị Thu Hà');
    expect(await field('Số giấy tờ — Giấy tờ tùy thân người cha')).toBe('087093004567');
    expect(await field('Ngày cấp — Giấy tờ tùy thân người mẹ')).toBe('20/11/2021');
    expect(await field('Nơi cấp — Giấy tờ tùy thân người mẹ')).toBe(
      'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    );
    // The scan burst never reached the box that had the focus.
    expect(await field('Kính gửi (tên cơ quan đăng ký)')).not.toContain('|');
    await counter.screenshot({ path: shot('scan-counter') });

    const shown = async (path: string) =>
      (await display.locator(`.kv-doc [data-path^="${path}"]`).allTextContents()).join(' ');
    await expect.poll(() => shown('mother.fullName')).toMatch(/Nguyễn Thị Thu Hà/i);
    await expect.poll(() => shown('father.fullName')).toMatch(/Trần Quốc Bảo/i);
    await expect.poll(() => shown('father.identity')).toContain('087093004567');
    await expect.poll(() => shown('requester.identity')).toContain('087195001234');
    await display.screenshot({ path: shot('scan-display') });
    counter.once('dialog', (d) => void d.accept());
    await counter.keyboard.press('Alt+K');
    await display.getByText('Kính chào Quý ông/bà').waitFor({ timeout: 5000 });
  });

  it('opens a citizen’s online prefill by code, shows it on the display, prints and receives it once', async () => {
    const units = (await (await fetch(`${server.baseUrl}/api/public/units`)).json()) as {
      id: number;
      name: string;
    }[];
    const unitId = units.find((u) => u.name === 'UBND Phường Sa Đéc')!.id;
    const sub = await fetch(`${server.baseUrl}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: KHAI_SINH,
        unitId,
        values: sampleValues('ho-tich', 'khai-sinh'),
        mode: 'prefill',
      }),
    });
    expect(sub.status).toBe(201);
    const prefill = ((await sub.json()) as { code: string }).code;

    await counter.keyboard.press('Alt+M');
    await counter.getByLabel('Mã khai trước').pressSequentially(prefill.toLowerCase());
    await counter.keyboard.press('Enter');
    await counter.getByRole('form', { name: 'Nhập tờ khai' }).waitFor();
    expect(
      await counter.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true }).inputValue(),
    ).toBe('Trần Minh Khôi');
    expect(
      await counter.getByLabel('Ngày, tháng, năm sinh người được khai sinh', { exact: true }).inputValue(),
    ).toBe('02/06/2025');
    await display.locator('.kv-doc [data-path="child.fullName"]').filter({ hasText: /Khôi/i }).waitFor();
    await display.screenshot({ path: shot('prefill-display') });
    await counter.screenshot({ path: shot('prefill-counter') });

    await counter.keyboard.press('F9');
    await counter.getByText('Đã gửi 1 bản tới hộp thoại in').waitFor({ timeout: 20_000 });
    const code = await receiveAtCounter(counter);
    expect(code).toMatch(/-\d{4}$/);

    // The code cannot be received a second time: not at the counter, nor through the API.
    await counter.keyboard.press('Alt+M');
    await counter.getByLabel('Mã khai trước').fill(prefill);
    await counter.keyboard.press('Enter');
    await counter
      .getByRole('alert')
      .filter({ hasText: `đã được dùng để tiếp nhận hồ sơ ${code}` })
      .waitFor();
    await counter.screenshot({ path: shot('prefill-used') });
    const token = await apiLogin(server.baseUrl, 'tiepnhan');
    const twice = await fetch(`${server.baseUrl}/api/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        procedureCode: KHAI_SINH,
        values: sampleValues('ho-tich', 'khai-sinh'),
        prefillCode: prefill,
        draftId: 'another-draft-0001',
      }),
    });
    expect(twice.status).toBe(409);
  });

  it('sends the receiving officer back to the field the server refused', async () => {
    await startKhaiSinh(counter);
    await typeSample(counter);
    // A required name left empty is only refused on full validation, by the server.
    const box = counter.getByLabel('Họ, chữ đệm, tên người được khai sinh', { exact: true });
    await box.fill('');
    await counter.keyboard.press('Alt+T');
    const panel = counter.getByRole('region', { name: 'Tiếp nhận hồ sơ' });
    const boxes = panel.getByRole('checkbox');
    await boxes.first().waitFor();
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    await counter.keyboard.press('Enter');
    await counter.locator('[data-key="child.fullName"] .field-error').waitFor({ timeout: 10_000 });
    await counter.screenshot({ path: shot('receive-field-error') });
    counter.once('dialog', (d) => void d.accept());
    await counter.keyboard.press('Alt+K');
  });
});
