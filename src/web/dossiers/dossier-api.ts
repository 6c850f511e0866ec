import type { AttachmentKind, AttachmentView } from '../../core/api/attachments.ts';
import { computeDueAt } from '../../core/calendar/due-date.ts';
import { vnIsoDateOf } from '../../core/calendar/iso-date.ts';
import { KNOWN_OVERRIDES } from '../../core/calendar/known-overrides.ts';
import { type DossierStatus, OPEN_STATES } from '../../core/dossier/states.ts';
import { formatLocalDateTime } from '../../core/dossier/timeliness.ts';
import { ApiError, api } from '../ui/api.ts';

export interface DossierListItem {
  id: number;
  code: string;
  unitId: number;
  procedureCode: string;
  templateId: string;
  templateVersion: number;
  status: DossierStatus;
  statusLabel: string;
  portalStatusCode: string;
  channel: string;
  channelLabel: string;
  applicant: {
    name: string;
    idNumber: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
  };
  documents: { name: string; kind: string; count: number }[];
  counterId: number | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  pausedAt: string | null;
  logbook: { year: number | null; number: number } | null;
  digitised: boolean;
  onTime: boolean | null;
}

export interface DossierDetail extends DossierListItem {
  values: Record<string, unknown>;
}

export interface DossierEventView {
  at: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: string | null;
  data: Record<string, unknown> | null;
}

export interface ProcedureItem {
  code: string;
  name: string;
  field: string;
}

export type DueState = 'overdue' | 'soon' | null;

/** Overdue: past its due time while open. Due soon: due within one working day from now. */
export function dueState(d: Pick<DossierListItem, 'status' | 'dueAt'>, now: Date = new Date()): DueState {
  if (!d.dueAt || !OPEN_STATES.includes(d.status)) return null;
  const due = new Date(d.dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  const oneDay = computeDueAt({ receivedAt: now, workingDays: 1, overrides: KNOWN_OVERRIDES });
  return due.getTime() <= oneDay.getTime() ? 'soon' : null;
}

/** "08:30 15/06/2025", Vietnamese local time, or a dash. */
export function localTime(iso: string | null | undefined): string {
  return iso ? formatLocalDateTime(iso) : '—';
}

/** A local day "2025-06-15" → the UTC instant its Vietnamese day starts. */
export function localDayStartIso(day: string): string {
  return new Date(`${day}T00:00:00+07:00`).toISOString();
}

export function todayLocal(now: Date = new Date()): string {
  return vnIsoDateOf(now);
}

/**
 * Uploads one file as multipart. The JSON helper cannot send a form, so this asks the session for the
 * CSRF token itself (cookie sessions need it on every change).
 */
export async function uploadAttachment(
  code: string,
  kind: AttachmentKind,
  file: File,
): Promise<AttachmentView> {
  const me = await api<{ csrfToken: string }>('GET', '/api/auth/me');
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/dossiers/${encodeURIComponent(code)}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': me.csrfToken },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại');
  }
  const data = (await res.json().catch(() => ({}))) as { message?: string; field?: string };
  if (!res.ok) throw new ApiError(res.status, data.message ?? `Lỗi ${res.status}`, data.field);
  return data as unknown as AttachmentView;
}
