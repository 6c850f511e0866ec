import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

async function upload(
  t: TestCase,
  code: string,
  secret: string,
  bytes: Buffer,
  name = 'giay-chung-sinh.png',
) {
  const form = new FormData();
  form.append('secret', secret);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${t.baseUrl}/api/public/dossiers/${code}/attachments`, {
    method: 'POST',
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe.each(DB_KINDS)('citizens attach photos to an online dossier (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let sub: { code: string; secret: string };
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    const unitId = (await officer.get('/api/auth/me')).body.user.unitIds[0];
    sub = (
      await t.anonymous().post('/api/public/submissions', {
        procedureCode: '1.001193',
        unitId,
        values: sampleValues('ho-tich', 'khai-sinh'),
        mode: 'online',
      })
    ).body;
  });
  afterAll(() => t.close());

  it('stores a photo sent with the secret, and the officer sees it', async () => {
    const res = await upload(t, sub.code, sub.secret, PNG);
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('giay-chung-sinh.png');
    const list = await officer.get(`/api/dossiers/${sub.code}/attachments`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ mime: 'image/png', kind: 'document', uploadedBy: null });
  });

  it('answers a wrong secret like an unknown dossier and stores nothing', async () => {
    const res = await upload(t, sub.code, 'khong-dung-ma-bi-mat', PNG);
    expect(res.status).toBe(404);
    expect((await officer.get(`/api/dossiers/${sub.code}/attachments`)).body).toHaveLength(1);
  });

  it('refuses a file that is not really an image or a PDF', async () => {
    const res = await upload(t, sub.code, sub.secret, Buffer.from('day khong phai la anh'), 'anh.png');
    expect(res.status).toBe(415);
    expect(res.body.field).toBe('file');
  });

  it('refuses new papers once the dossier is refused', async () => {
    await officer.post(`/api/dossiers/${sub.code}/actions`, {
      action: 'refuse',
      reason: 'Không thuộc thẩm quyền',
    });
    const res = await upload(t, sub.code, sub.secret, PNG);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/không còn nhận/);
  });
});
