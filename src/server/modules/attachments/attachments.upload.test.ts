import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

const KHAI_SINH = '1.001193';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe.each(DB_KINDS)('attachments of a dossier (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let code: string;

  async function upload(
    client: ApiClient,
    dossierCode: string,
    bytes: Buffer,
    name: string,
    fileKind?: string,
  ) {
    const form = new FormData();
    if (fileKind) form.append('kind', fileKind);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${t.baseUrl}/api/dossiers/${dossierCode}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { message?: string } };
  }

  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    const res = await officer.post('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
    });
    code = res.body.code;
  });
  afterAll(() => t.close());

  it('stores a signed form under its SHA-256, marks the dossier digitised and logs the event', async () => {
    const res = await upload(officer, code, PDF, 'tờ khai đã ký.pdf', 'signed_form');
    expect(res.status).toBe(201);
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(res.body).toMatchObject({
      kind: 'signed_form',
      mime: 'application/pdf',
      size: PDF.length,
      sha256: sha,
    });
    expect(res.body.fileName).toBe('tờ khai đã ký.pdf');
    const path = join(t.config.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
    expect(readFileSync(path).equals(PDF)).toBe(true);
    expect((await officer.get(`/api/dossiers/${code}`)).body.digitised).toBe(true);
    const events = (await officer.get(`/api/dossiers/${code}/events`)).body;
    expect(events.at(-1)).toMatchObject({ action: 'attach', data: { kind: 'signed_form', digitised: true } });
  });

  it('lists and downloads the files with their type taken from the bytes', async () => {
    const png = await upload(officer, code, PNG, 'anh-chup.pdf');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ mime: 'image/png', kind: 'document' });
    const list = await officer.get(`/api/dossiers/${code}/attachments`);
    expect(list.body.map((a: { mime: string }) => a.mime)).toEqual(['application/pdf', 'image/png']);
    const id = list.body[0].id;
    const res = await fetch(`${t.baseUrl}/api/dossiers/${code}/attachments/${id}`, {
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('refuses a text file named .pdf with 415 and stores nothing', async () => {
    const fake = Buffer.from('Đây là một tệp văn bản, không phải PDF');
    const res = await upload(officer, code, fake, 'gia-mao.pdf');
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/PDF, JPEG hoặc PNG/);
    const sha = createHash('sha256').update(fake).digest('hex');
    expect(existsSync(join(t.config.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(false);
    expect((await officer.get(`/api/dossiers/${code}/attachments`)).body).toHaveLength(2);
  });

  it('refuses a file over 10 MB with 413 in Vietnamese', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x20);
    PDF.copy(big);
    const res = await upload(officer, code, big, 'qua-lon.pdf');
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/Tệp quá lớn/);
    expect((await officer.get(`/api/dossiers/${code}/attachments`)).body).toHaveLength(2);
  });

  it('rejects an unknown kind and a request without a file', async () => {
    expect((await upload(officer, code, PDF, 'a.pdf', 'bi-mat')).status).toBe(422);
    const res = await fetch(`${t.baseUrl}/api/dossiers/${code}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer.token}` },
      body: (() => {
        const f = new FormData();
        f.append('kind', 'document');
        return f;
      })(),
    });
    expect(res.status).toBe(422);
  });

  it("hides another unit's dossier files behind 404 and keeps the leader from uploading", async () => {
    const other = await t.as('tiepnhan.tanduong');
    const list = (await officer.get(`/api/dossiers/${code}/attachments`)).body;
    expect((await other.get(`/api/dossiers/${code}/attachments`)).status).toBe(404);
    expect((await other.get(`/api/dossiers/${code}/attachments/${list[0].id}`)).status).toBe(404);
    expect((await upload(other, code, PDF, 'x.pdf')).status).toBe(404);
    const leader = await t.as('lanhdao');
    expect((await upload(leader, code, PDF, 'x.pdf')).status).toBe(403);
    expect((await leader.get(`/api/dossiers/${code}/attachments`)).status).toBe(200);
    expect((await officer.get(`/api/dossiers/${code}/attachments/999999`)).status).toBe(404);
  });
});
