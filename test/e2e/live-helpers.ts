import type { Browser, Page } from 'playwright-core';
import { buildDocument } from '../../src/core/document/build-document.ts';
import type { FieldDef, FormTemplate } from '../../src/core/forms/FormTemplate.ts';
import { templateFields } from '../../src/core/forms/FormTemplate.ts';
import { FIELD_TYPE_SPECS } from '../../src/core/forms/field-types.ts';
import { validateValues } from '../../src/core/forms/validate-values.ts';
import { getAt } from '../../src/core/forms/value-path.ts';
import { loadTemplateDir } from '../../src/server/templates/load-templates.ts';

export function khaiSinh(): FormTemplate {
  const t = loadTemplateDir('templates').templates.find((x) => x.id === 'khai-sinh');
  if (!t) throw new Error('khai-sinh template missing');
  return t;
}

/** One thing the officer does at the counter: type text into a labelled box, or press a key on a choice. */
export type Entry =
  | { field: string; label: string; text: string }
  | { field: string; label: string; key: string };

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The sample's values as the keystrokes an officer would type, field by field. */
export function entriesFor(t: FormTemplate, values: Record<string, unknown>): Entry[] {
  const out: Entry[] = [];
  const add = (f: FieldDef) => {
    const v = getAt(values, f.key);
    if (v === undefined || v === null || v === '') return;
    const widget = FIELD_TYPE_SPECS[f.type].widget;
    if (widget === 'radio') {
      const options = f.type === 'gender' ? ['Nam', 'Nữ'] : (f.options ?? []).map((o) => o.value);
      const i = options.findIndex(
        (o) =>
          o.toLowerCase() === str(v).toLowerCase() ||
          (f.type === 'gender' &&
            o.toLowerCase().startsWith(str(v).toLowerCase().slice(0, 1)) &&
            str(v).toLowerCase() !== 'nữ' &&
            o === 'Nam'),
      );
      out.push({ field: f.key, label: f.label, key: String(i + 1) });
    } else if (widget === 'identityDocument' && typeof v === 'object') {
      const d = v as Record<string, unknown>;
      if (d.number) out.push({ field: f.key, label: `Số giấy tờ — ${f.label}`, text: str(d.number) });
      if (d.issuedOn) out.push({ field: f.key, label: `Ngày cấp — ${f.label}`, text: str(d.issuedOn) });
      if (d.issuer) out.push({ field: f.key, label: `Nơi cấp — ${f.label}`, text: str(d.issuer) });
    } else if (widget === 'placeAndDate' && typeof v === 'object') {
      const d = v as Record<string, unknown>;
      if (d.place) out.push({ field: f.key, label: `Địa danh — ${f.label}`, text: str(d.place) });
      if (d.date) out.push({ field: f.key, label: `Ngày — ${f.label}`, text: str(d.date) });
    } else if (widget !== 'derived') {
      out.push({
        field: f.key,
        label: f.label,
        text: typeof v === 'object' ? str((v as { text?: unknown }).text) : str(v),
      });
    }
  };
  for (const f of templateFields(t)) add(f);
  return out;
}

/** Every non-blank value text of the document the template and values make, by value path. */
export function expectedValueTexts(
  t: FormTemplate,
  values: Record<string, unknown>,
): { path: string; text: string }[] {
  const doc = buildDocument(t, validateValues(t, values, { draft: true }).values);
  const out: { path: string; text: string }[] = [];
  const walk = (blocks: typeof doc.blocks) => {
    for (const b of blocks) {
      const spans =
        b.kind === 'paragraph'
          ? [b.spans]
          : b.kind === 'agencyHeader'
            ? b.agency
            : b.kind === 'title'
              ? b.lines
              : b.kind === 'table'
                ? b.rows.flat()
                : b.kind === 'signature'
                  ? b.columns.flatMap((c) => [c.above, c.name])
                  : [];
      for (const list of spans)
        for (const s of list)
          if (s.path && !s.blank && !s.checkbox && s.text.trim()) out.push({ path: s.path, text: s.text });
      if (b.kind === 'columns') for (const c of b.columns) walk(c);
    }
  };
  walk(doc.blocks);
  return out;
}

export async function login(page: Page, baseUrl: string, username: string, path = '/'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('khongviet');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('.topbar .who').waitFor({ timeout: 15_000 });
}

export async function openDisplay(browser: Browser, baseUrl: string): Promise<{ page: Page; code: string }> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await ctx.newPage();
  await page.goto(`${baseUrl}/display`);
  const code = (await page.getByTestId('pairing-code').textContent({ timeout: 15_000 })) ?? '';
  return { page, code: code.trim() };
}

/** Signs in as the officer, opens /quay and sits at counter 1 of Sa Đéc. */
export async function openCounter(browser: Browser, baseUrl: string, username = 'tiepnhan'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await login(page, baseUrl, username, '/quay');
  await page.goto(`${baseUrl}/quay`);
  const chooser = page.getByRole('button', { name: 'Quầy số 1' });
  const picker = page.getByLabel('Tìm thủ tục');
  await Promise.race([chooser.waitFor({ timeout: 15_000 }), picker.waitFor({ timeout: 15_000 })]);
  if (await chooser.isVisible()) await chooser.click();
  return page;
}

export async function pair(counter: Page, code: string): Promise<void> {
  await counter.getByLabel('Mã ghép nối màn hình').fill(code);
  await counter.getByRole('button', { name: 'Ghép', exact: true }).click();
  await counter.getByText('Đã ghép màn hình công dân với quầy').waitFor();
}

export async function startKhaiSinh(counter: Page): Promise<void> {
  const search = counter.getByLabel('Tìm thủ tục');
  if (!(await search.isVisible())) await counter.keyboard.press('Alt+N');
  await search.fill('khai sinh');
  await counter
    .locator('.pp-list button')
    .filter({ hasText: /khai sinh/i })
    .first()
    .waitFor();
  await search.press('Enter');
  await counter.getByRole('form', { name: 'Nhập tờ khai' }).waitFor();
}

/**
 * Types one entry the way an officer does: click into the box, type key by key. Keys closer than about
 * 35 ms are what a USB card scanner sends, and the counter takes such a burst for a scan, so a person's
 * typing is simulated at 40 ms a key.
 */
export async function typeEntry(counter: Page, e: Entry, delayMs = 40): Promise<void> {
  if ('key' in e) {
    const group = counter.getByRole('radiogroup', { name: e.label, exact: true });
    await group.focus();
    await counter.keyboard.press(e.key);
    return;
  }
  const box = counter.getByLabel(e.label, { exact: true });
  await box.click();
  await box.pressSequentially(e.text, { delay: delayMs });
}
