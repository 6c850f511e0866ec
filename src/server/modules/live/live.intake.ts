/**
 * Where the counter meets the dossier: a session opened from a citizen's online prefill, and the
 * satisfaction question the display asks right after the dossier of its counter was received.
 */
import type { Kysely } from 'kysely';
import type { DisplayRatingInput, LiveSessionView, OpenPrefillInput } from '../../../core/api/live.ts';
import { RATING_LABELS, RATING_REASONS } from '../../../core/api/portal.ts';
import { toEntryValues } from '../../../core/live/entry-values.ts';
import type { DisplayRatingAsk } from '../../../core/live/live-messages.ts';
import type { Database } from '../../db/schema.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import '../dossiers/dossiers.tables.ts';
import { recordEvent } from '../events/events.repo.ts';
import { recordRating } from '../portal/portal.service.ts';
import '../portal/portal.tables.ts';
import {
  type Actor,
  isLiveError,
  type LiveError,
  openSession,
  showSession,
  usableCounter,
} from './live.service.ts';
import type { LiveDisplayRow } from './live.tables.ts';
import { findLiveTemplate } from './live.templates.ts';
import type { LiveBus } from './live-bus.ts';

/** The display asks for a rating only this long after the dossier was received. */
export const RATING_ASK_MS = 2 * 60_000;
/** A rating from the display is accepted this long after receipt (the citizen may tap late). */
export const RATING_ACCEPT_MS = 10 * 60_000;

export const RATING_QUESTION = 'Ông/bà có hài lòng với việc tiếp nhận hồ sơ?';

export type PrefillError =
  | { error: 'prefill_not_found' }
  | { error: 'prefill_other_unit' }
  | { error: 'prefill_used'; dossierCode: string | null }
  | { error: 'prefill_expired' };

export type DisplayRatingError = { error: 'rating_not_found' } | { error: 'already_rated' };

/**
 * Opens a session for a citizen's online prefill: its procedure, template version and values, shown on
 * the counter's display at once. The same code opened again by the same officer returns the open session.
 * Fails with counter_not_found, template_not_found, prefill_not_found (unknown, or a unit the officer
 * cannot see), prefill_other_unit, prefill_used or prefill_expired.
 */
export async function openFromPrefill(
  db: Kysely<Database>,
  bus: LiveBus,
  actor: Actor,
  input: OpenPrefillInput,
): Promise<LiveSessionView | LiveError | PrefillError> {
  const counter = await usableCounter(db, actor, input.counterId);
  if (!counter) return { error: 'counter_not_found' };
  const p = await db.selectFrom('prefills').selectAll().where('code', '=', input.code).executeTakeFirst();
  if (!p || !canSeeUnit(actor.auth.scope, p.unit_id)) return { error: 'prefill_not_found' };
  if (p.unit_id !== counter.unit_id) return { error: 'prefill_other_unit' };
  if (p.used_at) return { error: 'prefill_used', dossierCode: p.dossier_code };
  if (p.expires_at < new Date().toISOString()) return { error: 'prefill_expired' };

  const already = await db
    .selectFrom('live_sessions')
    .select('id')
    .where('counter_id', '=', counter.id)
    .where('officer_user_id', '=', actor.auth.user.id)
    .where('status', '=', 'open')
    .where('prefill_code', '=', p.code)
    .executeTakeFirst();
  if (already) return showSession(db, bus, actor, already.id);

  const template = await findLiveTemplate(db, p.template_id, p.template_version);
  if (!template) return { error: 'template_not_found' };
  const procedure = await db
    .selectFrom('procedures')
    .select('name')
    .where('code', '=', p.procedure_code)
    .executeTakeFirst();
  const view = await openSession(
    db,
    bus,
    actor,
    {
      counterId: counter.id,
      templateId: p.template_id,
      templateVersion: p.template_version,
      procedureCode: p.procedure_code,
      label: procedure?.name ?? template.title,
    },
    { values: toEntryValues(template, JSON.parse(p.values) as Record<string, unknown>), prefillCode: p.code },
  );
  if (isLiveError(view)) return view;
  await recordEvent(db, {
    actorUserId: actor.auth.user.id,
    unitId: p.unit_id,
    entityType: 'prefill',
    entityId: p.code,
    action: 'open',
    data: { counterId: counter.id, sessionId: view.id },
    ip: actor.ip,
  });
  return view;
}

/**
 * The dossier last received at a counter from one of its live sessions, if that was within `windowMs`.
 * "Last" matters: a display may rate only the citizen who has just been served there.
 */
async function lastReceivedAt(
  db: Kysely<Database>,
  counterId: number,
  windowMs: number,
  now: Date,
): Promise<{ id: number; code: string } | undefined> {
  const last = await db
    .selectFrom('dossiers')
    .innerJoin('live_sessions', 'live_sessions.id', 'dossiers.draft_id')
    .select(['dossiers.id', 'dossiers.code', 'dossiers.received_at'])
    .where('dossiers.counter_id', '=', counterId)
    .where('live_sessions.counter_id', '=', counterId)
    .where('dossiers.received_at', 'is not', null)
    .orderBy('dossiers.received_at', 'desc')
    .orderBy('dossiers.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last?.received_at) return undefined;
  if (Date.parse(last.received_at) < now.getTime() - windowMs) return undefined;
  return { id: last.id, code: last.code };
}

/** The question for a counter's display, when its last dossier was received moments ago and is not rated. */
export async function pendingRating(
  db: Kysely<Database>,
  counterId: number,
  now = new Date(),
): Promise<DisplayRatingAsk | undefined> {
  const last = await lastReceivedAt(db, counterId, RATING_ASK_MS, now);
  if (!last) return undefined;
  const rated = await db
    .selectFrom('ratings')
    .select('id')
    .where('dossier_id', '=', last.id)
    .where('stage', '=', 'receipt')
    .executeTakeFirst();
  if (rated) return undefined;
  return {
    dossierCode: last.code,
    question: RATING_QUESTION,
    options: Object.entries(RATING_LABELS).map(([value, label]) => ({ value, label })),
    reasons: Object.entries(RATING_REASONS).map(([value, label]) => ({ value, label })),
  };
}

/**
 * A rating tapped on the citizen's display. Accepted only for the dossier last received at the display's
 * own counter, recently; anything else is rating_not_found (the display learns nothing about other
 * dossiers). A second rating is already_rated.
 */
export async function rateFromDisplay(
  db: Kysely<Database>,
  display: LiveDisplayRow,
  input: DisplayRatingInput,
  ip: string,
  now = new Date(),
): Promise<{ ok: true } | DisplayRatingError> {
  if (display.counter_id === null) return { error: 'rating_not_found' };
  const last = await lastReceivedAt(db, display.counter_id, RATING_ACCEPT_MS, now);
  if (!last || last.code !== input.dossierCode) return { error: 'rating_not_found' };
  const r = await recordRating(db, {
    dossierCode: last.code,
    stage: 'receipt',
    input: { rating: input.rating, reasons: input.reasons },
    source: 'display',
    ip,
  });
  if ('error' in r) return r.error === 'already_rated' ? r : { error: 'rating_not_found' };
  return r;
}
