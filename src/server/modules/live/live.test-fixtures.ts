import type { ApiClient, TestCase } from '../../test/setup-test-case.ts';
import { TestSocket } from './live.test-client.ts';

/** The ids of a demo unit's counters 1–3, by the unit's agency code. */
export async function countersOf(client: ApiClient, agencyCode = '000.00.29.H18'): Promise<number[]> {
  const units = await client.get<{ id: number; agencyCode: string }[]>('/api/units');
  const unit = units.body.find((u) => u.agencyCode === agencyCode);
  if (!unit) throw new Error(`unit ${agencyCode} not visible`);
  const counters = await client.get<{ id: number; number: number }[]>(`/api/units/${unit.id}/counters`);
  return counters.body.sort((a, b) => a.number - b.number).map((c) => c.id);
}

/** A display page that asked for a code and was paired by the officer; its socket has had its first snapshot. */
export async function pairedDisplay(
  t: TestCase,
  officer: ApiClient,
  counterId: number,
): Promise<{ token: string; displayId: number; socket: TestSocket; snapshot: Record<string, unknown> }> {
  const created = await t
    .anonymous()
    .post<{ token: string; code: string; displayId: number }>('/api/live/displays');
  if (created.status !== 201) throw new Error(`display not created: ${created.status}`);
  const socket = await TestSocket.display(t.baseUrl, created.body.token);
  await socket.type('pairing');
  const paired = await officer.post('/api/live/pair', { counterId, code: created.body.code });
  if (paired.status !== 200)
    throw new Error(`pairing failed: ${paired.status} ${JSON.stringify(paired.body)}`);
  const snapshot = await socket.type('snapshot');
  return { token: created.body.token, displayId: created.body.displayId, socket, snapshot };
}

export async function openKhaiSinh(officer: ApiClient, counterId: number): Promise<string> {
  const r = await officer.post<{ id: string }>('/api/live/sessions', {
    counterId,
    templateId: 'khai-sinh',
    procedureCode: '1.001193',
  });
  if (r.status !== 201) throw new Error(`session not opened: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}
