import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../../pdf/pdf-text.ts';
import { sampleValues } from '../../test/samples.ts';
import {
  type ApiClient,
  createTestDatabase,
  DB_KINDS,
  setupTestCase,
  type TestCase,
} from '../../test/setup-test-case.ts';
import { findTemplate, syncTemplatesFromDir } from './template-store.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** The PDF bytes of a render, fetched raw (the JSON client would decode them as text). */
async function renderPdf(
  client: ApiClient,
  id: string,
  body: unknown,
): Promise<{ status: number; type: string; pdf: Buffer }> {
  const res = await fetch(`${client.baseUrl}/api/templates/${id}/render?format=pdf`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    pdf: Buffer.from(await res.arrayBuffer()),
  };
}

/** pdftotext output with line breaks and runs of spaces made single spaces, so wrapped values still match. */
function flatText(pdf: Buffer): string {
  return pdfToText(pdf).normalize('NFC').replace(/\s+/g, ' ');
}

interface Summary {
  id: string;
  version: number;
  title: string;
  field: string;
  procedureCodes: string[];
}

interface FieldError {
  path: string;
  message: string;
}

describe.each(DB_KINDS)('templates API (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let admin: ApiClient;
  const khaiSinh = sampleValues('ho-tich', 'khai-sinh');

  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    admin = await t.as('quantri');
  });
  afterAll(() => t.close());

  describe('reading', () => {
    it('lists the latest version of every shipped template with its field and procedure codes', async () => {
      const res = await officer.get<Summary[]>('/api/templates');
      expect(res.status).toBe(200);
      const ks = res.body.find((s) => s.id === 'khai-sinh');
      expect(ks).toEqual({
        id: 'khai-sinh',
        version: 1,
        title: 'Tờ khai đăng ký khai sinh',
        field: 'ho-tich',
        procedureCodes: ['1.001193'],
      });
      expect(new Set(res.body.map((s) => s.id)).size).toBe(res.body.length);
      expect(res.body.map((s) => s.field)).toContain('mot-cua');
    });

    it('refuses the list to a caller who is not logged in', async () => {
      expect((await t.anonymous().get('/api/templates')).status).toBe(401);
    });

    it('returns the definition of a template, expanded, with its samples', async () => {
      const res = await officer.get('/api/templates/khai-sinh');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: 'khai-sinh', version: 1, field: 'ho-tich' });
      expect(res.body.samples.length).toBeGreaterThan(0);
      // Reusable blocks come back already expanded: the screen needs no block library.
      expect(JSON.stringify(res.body.layout)).not.toContain('"use"');
    });

    it('returns an explicitly asked version', async () => {
      const res = await officer.get('/api/templates/khai-sinh?version=1');
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
    });

    it('answers 404 for an unknown template, an unknown version and an unknown template render', async () => {
      for (const res of [
        await officer.get('/api/templates/khong-co'),
        await officer.get('/api/templates/khai-sinh?version=99'),
        await officer.get('/api/templates/khong-co/versions'),
        await officer.post('/api/templates/khong-co/render?format=html', { values: {} }),
        await officer.post('/api/templates/khai-sinh/render?format=html', { values: {}, version: 99 }),
        await admin.get('/api/templates/khong-co/export'),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.message).toBe('Không tìm thấy mẫu đơn');
      }
    });

    it('answers 422 in Vietnamese for a malformed id or version', async () => {
      const badId = await officer.get('/api/templates/Khai_Sinh');
      expect(badId.status).toBe(422);
      expect(badId.body.errors[0]).toEqual({ path: 'id', message: 'Mã mẫu không hợp lệ' });
      const badVersion = await officer.get('/api/templates/khai-sinh?version=0');
      expect(badVersion.status).toBe(422);
      expect(badVersion.body.errors[0].path).toBe('version');
    });
  });

  describe('rendering', () => {
    it('renders a PDF whose text holds the sample values', async () => {
      const res = await renderPdf(officer, 'khai-sinh', { values: khaiSinh });
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/pdf');
      expect(res.pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const text = flatText(res.pdf);
      expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
      expect(text).toContain('TRẦN MINH KHÔI');
      expect(text).toContain('Sa Đéc, ngày 15 tháng 6 năm 2025');
    });

    it('renders a whole HTML page with the sample values', async () => {
      const res = await officer.post<string>('/api/templates/khai-sinh/render?format=html', {
        values: khaiSinh,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.body).toMatch(/^<!doctype html>/);
      expect(res.body).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
      expect(res.body).toContain('TRẦN MINH KHÔI');
      // The display highlights the field being typed by its path.
      expect(res.body).toContain('child.fullName');
    });

    it('refuses invalid values with 422, naming each field by path in Vietnamese', async () => {
      const values = structuredClone(khaiSinh) as { child: Record<string, unknown> };
      values.child.birthDate = '31/02/2025';
      values.child.fullName = '';
      values.child.gender = 'khác lạ';
      for (const format of ['pdf', 'html']) {
        const res = await officer.post<{ message: string; field: string; errors: FieldError[] }>(
          `/api/templates/khai-sinh/render?format=${format}`,
          { values },
        );
        expect(res.status).toBe(422);
        const paths = res.body.errors.map((e) => e.path);
        expect(paths).toEqual(expect.arrayContaining(['child.birthDate', 'child.fullName', 'child.gender']));
        for (const e of res.body.errors) {
          expect(e.message.length).toBeGreaterThan(5);
          // Vietnamese, naming the field: every message carries a letter with a Vietnamese diacritic.
          expect(e.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
        }
        const name = res.body.errors.find((e) => e.path === 'child.fullName');
        expect(name?.message).toContain('Họ, chữ đệm, tên người được khai sinh');
        expect(res.body.field).toBe(res.body.errors[0]?.path);
        expect(res.body.message).toContain(res.body.errors[0]?.message);
      }
    });

    it('previews a sample value set of a stored version by GET, for the admin screen', async () => {
      const res = await fetch(`${t.baseUrl}/api/templates/khai-sinh/samples/0/render?format=pdf&version=1`, {
        headers: { authorization: `Bearer ${officer.token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const text = flatText(Buffer.from(await res.arrayBuffer()));
      expect(text).toContain('TRẦN MINH KHÔI');
      const html = await officer.get<string>('/api/templates/khai-sinh/samples/0/render?format=html');
      expect(html.status).toBe(200);
      expect(html.body).toContain('TRẦN MINH KHÔI');
      expect((await officer.get('/api/templates/khai-sinh/samples/9/render')).status).toBe(404);
      expect((await officer.get('/api/templates/khong-co/samples/0/render')).status).toBe(404);
      expect((await t.anonymous().get('/api/templates/khai-sinh/samples/0/render')).status).toBe(401);
    });

    it('refuses values that are not an object with 422', async () => {
      const res = await officer.post('/api/templates/khai-sinh/render?format=html', { values: 'x' });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('values');
    });

    it('refuses an unknown format with 422', async () => {
      const res = await officer.post('/api/templates/khai-sinh/render?format=docx', { values: khaiSinh });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('format');
    });

    it('renders a draft with dotted blanks instead of refusing missing values', async () => {
      const strict = await officer.post('/api/templates/khai-sinh/render?format=html', { values: {} });
      expect(strict.status).toBe(422);
      const html = await officer.post<string>('/api/templates/khai-sinh/render?format=html', {
        values: {},
        draft: true,
      });
      expect(html.status).toBe(200);
      expect(html.body).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
      expect(html.body).toMatch(/\.{10,}|…{5,}/);
      const pdf = await renderPdf(officer, 'khai-sinh', { values: {}, draft: true });
      expect(pdf.status).toBe(200);
      const text = flatText(pdf.pdf);
      expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
      expect(text).toMatch(/\.{10,}|…{5,}/);
    });

    it('prints a hostile name escaped in HTML and literally in the PDF', async () => {
      const values = structuredClone(khaiSinh) as { child: Record<string, unknown> };
      values.child.fullName = HOSTILE;
      // A name with markup is not a name: a final render refuses it, a draft shows it as typed.
      const strict = await officer.post('/api/templates/khai-sinh/render?format=html', { values });
      expect(strict.status).toBe(422);
      expect(strict.body.errors.map((e: FieldError) => e.path)).toContain('child.fullName');

      const html = await officer.post<string>('/api/templates/khai-sinh/render?format=html', {
        values,
        draft: true,
      });
      expect(html.status).toBe(200);
      expect(html.body).not.toMatch(/<img/i);
      expect(html.body).toContain('&lt;IMG SRC=X ONERROR=ALERT(1)&gt;');
      const pdf = await renderPdf(officer, 'khai-sinh', { values, draft: true });
      expect(pdf.status).toBe(200);
      expect(flatText(pdf.pdf)).toContain('<IMG SRC=X ONERROR=ALERT(1)>');
    });

    it('prints hostile text in a free-text field escaped in HTML and literally in the PDF', async () => {
      const values = structuredClone(khaiSinh) as { child: Record<string, unknown> };
      values.child.birthPlace = HOSTILE;
      const html = await officer.post<string>('/api/templates/khai-sinh/render?format=html', { values });
      expect(html.status).toBe(200);
      expect(html.body).not.toContain(HOSTILE);
      expect(html.body).toMatch(/&(lt|#60);img src=x onerror=alert\(1\)&(gt|#62);/);
      const pdf = await renderPdf(officer, 'khai-sinh', { values });
      expect(pdf.status).toBe(200);
      expect(flatText(pdf.pdf)).toContain(HOSTILE);
    });
  });

  describe('import, versions and export', () => {
    it('refuses import and export to an officer with 403', async () => {
      const definition = (await officer.get('/api/templates/khai-tu')).body;
      const imp = await officer.post('/api/templates/import', definition);
      expect(imp.status).toBe(403);
      const exp = await officer.get('/api/templates/khai-tu/export');
      expect(exp.status).toBe(403);
      const versions = (await officer.get('/api/templates/khai-tu/versions')).body;
      expect(versions).toHaveLength(1);
    });

    it('exports the definition as a JSON attachment that imports back unchanged', async () => {
      const exp = await admin.get('/api/templates/khai-tu/export');
      expect(exp.status).toBe(200);
      expect(exp.headers.get('content-disposition')).toBe('attachment; filename="khai-tu-v1.json"');
      expect(exp.body).toEqual((await admin.get('/api/templates/khai-tu')).body);
      const imp = await admin.post('/api/templates/import', exp.body);
      expect(imp.status).toBe(201);
      expect(imp.body).toEqual({ id: 'khai-tu', version: 2 });
      const v2 = (await admin.get('/api/templates/khai-tu?version=2')).body;
      expect({ ...v2, version: 1 }).toEqual(exp.body);
    });

    it('exports an older version when asked', async () => {
      const exp = await admin.get('/api/templates/khai-tu/export?version=1');
      expect(exp.status).toBe(200);
      expect(exp.body.version).toBe(1);
    });

    it('imports a change as version N+1 while renders asking for version N keep the old form', async () => {
      const v1 = (await admin.get('/api/templates/khai-sinh')).body;
      const changed = structuredClone(v1);
      changed.title = 'Tờ khai đăng ký khai sinh (sửa đổi)';
      changed.layout = changed.layout.map((b: { type: string; text?: string }) =>
        b.type === 'title' ? { ...b, text: 'TỜ KHAI ĐĂNG KÝ KHAI SINH MẪU MỚI' } : b,
      );
      changed.version = 7; // ignored: the store numbers versions itself
      const imp = await admin.post('/api/templates/import', changed);
      expect(imp.status).toBe(201);
      expect(imp.body).toEqual({ id: 'khai-sinh', version: 2 });

      const latest = (await officer.get('/api/templates/khai-sinh')).body;
      expect(latest.version).toBe(2);
      expect(latest.title).toBe('Tờ khai đăng ký khai sinh (sửa đổi)');
      const list = (await officer.get<Summary[]>('/api/templates')).body;
      expect(list.filter((s) => s.id === 'khai-sinh')).toEqual([
        expect.objectContaining({ version: 2, title: 'Tờ khai đăng ký khai sinh (sửa đổi)' }),
      ]);

      const versions = await officer.get('/api/templates/khai-sinh/versions');
      expect(versions.status).toBe(200);
      expect(versions.body.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([
        [2, 'import'],
        [1, 'file'],
      ]);

      const newPdf = flatText((await renderPdf(officer, 'khai-sinh', { values: khaiSinh })).pdf);
      expect(newPdf).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH MẪU MỚI');
      // A dossier made with version 1 re-prints exactly as it was signed.
      const oldPdf = await renderPdf(officer, 'khai-sinh', { values: khaiSinh, version: 1 });
      expect(oldPdf.status).toBe(200);
      const oldText = flatText(oldPdf.pdf);
      expect(oldText).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
      expect(oldText).not.toContain('MẪU MỚI');
      const oldHtml = await officer.post<string>('/api/templates/khai-sinh/render?format=html', {
        values: khaiSinh,
        version: 1,
      });
      expect(oldHtml.body).not.toContain('MẪU MỚI');
      expect((await officer.get('/api/templates/khai-sinh?version=1')).body.title).toBe(
        'Tờ khai đăng ký khai sinh',
      );
    });

    it('records who imported a version in the event log', async () => {
      const rows = await t.database.db.kysely
        .selectFrom('events')
        .selectAll()
        .where('entity_type', '=', 'template')
        .execute();
      expect(rows.map((r) => r.entity_id)).toEqual(expect.arrayContaining(['khai-sinh@2', 'khai-tu@2']));
    });

    it('refuses an invalid template with 422 listing each error by path, storing nothing', async () => {
      const v1 = (await admin.get('/api/templates/ket-hon')).body;
      const broken = structuredClone(v1);
      broken.fields[0].type = 'khong-co-kieu-nay';
      const res = await admin.post<{ message: string; errors: FieldError[] }>(
        '/api/templates/import',
        broken,
      );
      expect(res.status).toBe(422);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(res.body.errors[0]?.path).toBe('fields[0].type');
      expect(res.body.message).toContain('fields[0].type');

      const dangling = structuredClone(v1);
      dangling.layout.push({ type: 'paragraph', runs: [{ value: 'khong.co.truong' }] });
      const res2 = await admin.post<{ errors: FieldError[] }>('/api/templates/import', dangling);
      expect(res2.status).toBe(422);
      expect(res2.body.errors).toContainEqual({
        path: `layout[${dangling.layout.length - 1}].runs[0].value`,
        message: 'Không có trường "khong.co.truong"',
      });

      const badSample = structuredClone(v1);
      badSample.samples[0].values = {};
      const res3 = await admin.post<{ errors: FieldError[] }>('/api/templates/import', badSample);
      expect(res3.status).toBe(422);
      expect(res3.body.errors[0]?.path).toMatch(/^samples\[0\]\.values\./);

      for (const body of [[], '"chuỗi"', { id: 'x' }]) {
        const r = await admin.post<{ errors: FieldError[] }>('/api/templates/import', body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        expect(r.body.errors.length).toBeGreaterThan(0);
      }
      const versions = (await admin.get('/api/templates/ket-hon/versions')).body;
      expect(versions).toHaveLength(1);
    });

    it('lets several processes sync the template files at once without a failure or a duplicate', async () => {
      const before = (await officer.get<Summary[]>('/api/templates')).body;
      // As if the file were new: every process sees it missing and tries to store it.
      await t.database.db.kysely
        .deleteFrom('form_templates')
        .where('template_id', '=', 'phieu-yeu-cau-bo-sung')
        .execute();
      const runs = await Promise.all([1, 2, 3].map(() => syncTemplatesFromDir(t.database.db.kysely)));
      expect(runs.every((r) => r.errors.length === 0)).toBe(true);
      expect((await officer.get<Summary[]>('/api/templates')).body).toEqual(before);
      const versions = await officer.get('/api/templates/phieu-yeu-cau-bo-sung/versions');
      expect(versions.body).toHaveLength(1);
    });

    it('numbers concurrent imports of one template without a gap or a failure', async () => {
      const def = (await admin.get('/api/templates/phieu-tu-choi')).body;
      const results = await Promise.all([1, 2, 3, 4].map(() => admin.post('/api/templates/import', def)));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(results.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5]);
    });
  });
});

describe('syncing template files', () => {
  it('reports a file edited without raising its version, and keeps the stored version', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const dir = mkdtempSync(join(tmpdir(), 'kv-tpl-'));
      mkdirSync(join(dir, 'ho-tich'));
      const original = JSON.parse(readFileSync('templates/ho-tich/khai-tu.json', 'utf8'));
      // The shared test database already holds the shipped khai-tu; an edited copy with the same version.
      writeFileSync(
        join(dir, 'ho-tich', 'khai-tu.json'),
        JSON.stringify({ ...original, title: `${original.title} (sửa)` }),
      );
      const result = await syncTemplatesFromDir(database.db.kysely, dir);
      expect(result.added).toBe(0);
      expect(result.unchangedVersions).toEqual([`khai-tu@${original.version}`]);
      expect((await findTemplate(database.db.kysely, 'khai-tu'))?.title).toBe(original.title);
    } finally {
      await database.drop();
    }
  });
});
