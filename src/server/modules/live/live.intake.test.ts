import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';
import { countersOf, openKhaiSinh, pairedDisplay } from './live.test-fixtures.ts';

const KHAI_SINH = '1.001193';

describe.each(DB_KINDS)('the counter receives dossiers and the display asks for a rating (%s)', (kind) => {
  let t: TestCase;
  let officer: ApiClient;
  let counters: number[];
  let unitId: number;
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officer = await t.as('tiepnhan');
    counters = await countersOf(officer);
    const units = await officer.get<{ id: number; agencyCode: string }[]>('/api/units');
    unitId = units.body.find((u) => u.agencyCode === '000.00.29.H18')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function receive(sessionId: string, counterId: number, extra: Record<string, unknown> = {}) {
    return officer.post<{ code: string }>('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
      draftId: sessionId,
      counterId,
      ...extra,
    });
  }

  it('opens a citizen’s prefill as a session shown on the display, and receives it once', async () => {
    const display = await pairedDisplay(t, officer, counters[0]!);
    const sub = await t.anonymous().post<{ code: string }>('/api/public/submissions', {
      procedureCode: KHAI_SINH,
      unitId,
      values: sampleValues('ho-tich', 'khai-sinh'),
      mode: 'prefill',
    });
    expect(sub.status).toBe(201);
    const opened = await officer.post<{ id: string; values: Record<string, any>; prefillCode: string }>(
      '/api/live/sessions/from-prefill',
      { counterId: counters[0], code: sub.body.code.toLowerCase() },
    );
    expect(opened.status).toBe(201);
    expect(opened.body.prefillCode).toBe(sub.body.code);
    // Dates come back as the officer would have typed them.
    expect(opened.body.values.child.birthDate).toBe('02/06/2025');
    const snap = await display.socket.next((m) => m.t === 'snapshot' && m.session?.id === opened.body.id);
    expect(snap.session.values.child.fullName).toBe('Trần Minh Khôi');

    const again = await officer.post<{ id: string }>('/api/live/sessions/from-prefill', {
      counterId: counters[0],
      code: sub.body.code,
    });
    expect(again.body.id).toBe(opened.body.id);

    const r = await receive(opened.body.id, counters[0]!, { prefillCode: sub.body.code });
    expect(r.status).toBe(201);
    const closed = await officer.post(`/api/live/sessions/${opened.body.id}/close`, {
      dossierCode: r.body.code,
    });
    expect(closed.status).toBe(200);
    const used = await officer.post<{ message: string }>('/api/live/sessions/from-prefill', {
      counterId: counters[0],
      code: sub.body.code,
    });
    expect(used.status).toBe(410);
    expect(used.body.message).toContain(r.body.code);
    display.socket.close();
  });

  it('refuses an unknown prefill code and one of a unit the officer cannot see', async () => {
    const unknown = await officer.post('/api/live/sessions/from-prefill', {
      counterId: counters[0],
      code: 'ZZZZZZZZ',
    });
    expect(unknown.status).toBe(404);
    const other = await t.as('tiepnhan.tanduong');
    const tanDuong = await countersOf(other, '000.00.30.H18');
    const units = await other.get<{ id: number; agencyCode: string }[]>('/api/units');
    const sub = await t.anonymous().post<{ code: string }>('/api/public/submissions', {
      procedureCode: KHAI_SINH,
      unitId: units.body.find((u) => u.agencyCode === '000.00.30.H18')!.id,
      values: sampleValues('ho-tich', 'khai-sinh'),
      mode: 'prefill',
    });
    expect(sub.status).toBe(201);
    const wrong = await officer.post('/api/live/sessions/from-prefill', {
      counterId: counters[0],
      code: sub.body.code,
    });
    expect(wrong.status).toBe(404);
    const right = await other.post('/api/live/sessions/from-prefill', {
      counterId: tanDuong[0],
      code: sub.body.code,
    });
    expect(right.status).toBe(201);
  });

  it('asks the display of the counter for a rating after receipt and takes one rating, from that display only', async () => {
    const d1 = await pairedDisplay(t, officer, counters[1]!);
    const d2 = await pairedDisplay(t, officer, counters[2]!);
    const sessionId = await openKhaiSinh(officer, counters[1]!);
    const r = await receive(sessionId, counters[1]!);
    expect(r.status).toBe(201);
    // A retried intake of the same draft is the same dossier.
    const retry = await receive(sessionId, counters[1]!);
    expect(retry.status).toBe(200);
    expect(retry.body.code).toBe(r.body.code);

    // Closing with another session's dossier is refused and leaves the session open.
    const other = await openKhaiSinh(officer, counters[2]!);
    const wrong = await officer.post(`/api/live/sessions/${other}/close`, { dossierCode: r.body.code });
    expect(wrong.status).toBe(404);

    d1.socket.messages.length = 0;
    const closed = await officer.post(`/api/live/sessions/${sessionId}/close`, { dossierCode: r.body.code });
    expect(closed.status).toBe(200);
    await d1.socket.type('idle');
    const snap = await d1.socket.next((m) => m.t === 'snapshot' && m.rating);
    expect(snap.session).toBeNull();
    expect(snap.rating.dossierCode).toBe(r.body.code);
    expect(snap.rating.question).toBe('Ông/bà có hài lòng với việc tiếp nhận hồ sơ?');
    expect(snap.rating.options.map((o: { label: string }) => o.label)).toEqual([
      'Rất hài lòng',
      'Hài lòng',
      'Không hài lòng',
    ]);

    const rate = (token: string, body: Record<string, unknown>) =>
      t.anonymous().request('POST', '/api/live/display/rating', body, { 'x-display-token': token });
    const body = { dossierCode: r.body.code, rating: 'unsatisfied', reasons: ['waiting'] };
    // Another counter's display cannot rate this dossier; nor can anyone without a display token.
    expect((await rate(d2.token, body)).status).toBe(404);
    expect((await t.anonymous().post('/api/live/display/rating', body)).status).toBe(401);
    expect((await rate(d1.token, { ...body, dossierCode: '000.00.29.H18-200101-0001' })).status).toBe(404);
    expect((await rate(d1.token, { ...body, rating: 'so-so' })).status).toBe(422);
    expect((await rate(d1.token, body)).status).toBe(201);
    const twice = await rate(d1.token, { ...body, rating: 'very_satisfied' });
    expect(twice.status).toBe(409);

    // Once rated, a reconnecting display is not asked again.
    const state = await t
      .anonymous()
      .request('GET', '/api/live/display/state', undefined, { 'x-display-token': d1.token });
    expect(state.body.rating).toBeUndefined();

    const leader = await t.as('lanhdao');
    const stats = await leader.get<{ unsatisfied: number; reasons: Record<string, number> }>(
      `/api/stats/satisfaction?unitId=${unitId}`,
    );
    expect(stats.body.unsatisfied).toBe(1);
    expect(stats.body.reasons.waiting).toBe(1);
    await officer.post(`/api/live/sessions/${other}/close`);
    d1.socket.close();
    d2.socket.close();
  });

  it('does not ask for a rating for a dossier received elsewhere or long ago', async () => {
    const d = await pairedDisplay(t, officer, counters[2]!);
    // A dossier posted without a live session of this counter (another desk's API client) is not asked.
    const plain = await officer.post<{ code: string }>('/api/dossiers', {
      procedureCode: KHAI_SINH,
      values: sampleValues('ho-tich', 'khai-sinh'),
      counterId: counters[2],
    });
    expect(plain.status).toBe(201);
    const state = await t
      .anonymous()
      .request('GET', '/api/live/display/state', undefined, { 'x-display-token': d.token });
    expect(state.body.session).toBeNull();
    expect(state.body.rating).toBeUndefined();
    const rated = await t
      .anonymous()
      .request(
        'POST',
        '/api/live/display/rating',
        { dossierCode: plain.body.code, rating: 'satisfied' },
        { 'x-display-token': d.token },
      );
    expect(rated.status).toBe(404);
    d.socket.close();
  });
});
