import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { LiveSessionView, OpenSessionInput, PatchInput } from '../../../core/api/live.ts';
import type { FormTemplate } from '../../../core/forms/FormTemplate.ts';
import { setAt } from '../../../core/forms/value-path.ts';
import type { DatabaseKind } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { AuthContext } from '../../types.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import '../dossiers/dossiers.tables.ts';
import { recordEvent } from '../events/events.repo.ts';
import { DraftWriter, type SqliteHandle } from './live.draft-writer.ts';
import type { LiveSessionRow } from './live.tables.ts';
import { findLiveTemplate, pathInTemplate } from './live.templates.ts';
import type { LiveBus } from './live-bus.ts';

export type LiveError =
  | { error: 'counter_not_found' }
  | { error: 'template_not_found' }
  | { error: 'session_not_found' }
  | { error: 'session_closed' }
  | { error: 'bad_path'; path: string }
  | { error: 'too_large' }
  | { error: 'dossier_not_found' };

export function isLiveError(x: unknown): x is LiveError {
  return typeof x === 'object' && x !== null && 'error' in x;
}

export interface Actor {
  auth: AuthContext;
  ip: string;
}

/** Largest draft kept for one session (JSON text). A form is a few kilobytes; this stops abuse, not typing. */
export const MAX_DRAFT_BYTES = 256 * 1024;
const MAX_VALUE_BYTES = 16 * 1024;
const MAX_CACHED_SESSIONS = 5000;

export function toSessionView(r: LiveSessionRow, shownSessionId: string | null): LiveSessionView {
  return {
    id: r.id,
    unitId: r.unit_id,
    counterId: r.counter_id,
    officerUserId: r.officer_user_id,
    templateId: r.template_id,
    templateVersion: r.template_version,
    procedureCode: r.procedure_code,
    label: r.label,
    values: JSON.parse(r.values_json) as Record<string, unknown>,
    focus: r.focus,
    seq: r.seq,
    status: r.status,
    review: r.review === 1,
    confirmedAt: r.confirmed_at,
    printCount: r.print_count,
    shown: shownSessionId === r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    prefillCode: r.prefill_code,
  };
}

export async function findCounterRow(db: Kysely<Database>, counterId: number) {
  return db.selectFrom('counters').selectAll().where('id', '=', counterId).executeTakeFirst();
}

export async function shownSessionOf(db: Kysely<Database>, counterId: number): Promise<string | null> {
  const row = await db
    .selectFrom('live_counters')
    .select('shown_session_id')
    .where('counter_id', '=', counterId)
    .executeTakeFirst();
  return row?.shown_session_id ?? null;
}

async function setShown(db: Kysely<Database>, counterId: number, sessionId: string | null): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('live_counters')
    .values({ counter_id: counterId, shown_session_id: sessionId, updated_at: now })
    .onConflict((oc) => oc.column('counter_id').doUpdateSet({ shown_session_id: sessionId, updated_at: now }))
    .execute();
}

/** A counter the actor may work at: an officer (or admin) who can see its unit. */
export async function usableCounter(db: Kysely<Database>, actor: Actor, counterId: number) {
  const counter = await findCounterRow(db, counterId);
  if (counter?.active !== 1 || !canSeeUnit(actor.auth.scope, counter.unit_id)) return undefined;
  return counter;
}

/** The actor's own session (an officer sees only the sessions he opened). */
export async function findOwnSession(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<LiveSessionRow | undefined> {
  const row = await db.selectFrom('live_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.officer_user_id !== actor.auth.user.id || !canSeeUnit(actor.auth.scope, row.unit_id))
    return undefined;
  return row;
}

/** What a session may start with: the values and the code of a citizen's online prefill. */
export interface SessionStart {
  values: Record<string, unknown>;
  prefillCode: string;
}

/**
 * Starts a session for the next citizen and shows it on the counter's display.
 * Fails with counter_not_found or template_not_found.
 */
export async function openSession(
  db: Kysely<Database>,
  bus: LiveBus,
  actor: Actor,
  input: OpenSessionInput,
  start?: SessionStart,
): Promise<LiveSessionView | LiveError> {
  const counter = await usableCounter(db, actor, input.counterId);
  if (!counter) return { error: 'counter_not_found' };
  const template = await findLiveTemplate(db, input.templateId, input.templateVersion);
  if (!template) return { error: 'template_not_found' };
  const now = new Date().toISOString();
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('live_sessions')
      .values({
        id: randomUUID(),
        unit_id: counter.unit_id,
        counter_id: counter.id,
        officer_user_id: actor.auth.user.id,
        template_id: template.id,
        template_version: template.version,
        procedure_code: input.procedureCode,
        label: input.label,
        values_json: start ? JSON.stringify(start.values) : '{}',
        prefill_code: start?.prefillCode ?? null,
        focus: null,
        status: 'open',
        confirmed_at: null,
        created_at: now,
        updated_at: now,
        closed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await setShown(trx, counter.id, inserted.id);
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: counter.unit_id,
      entityType: 'live_session',
      entityId: inserted.id,
      action: 'open',
      toState: 'open',
      data: {
        counterId: counter.id,
        templateId: template.id,
        templateVersion: template.version,
        prefillCode: start?.prefillCode ?? null,
      },
      ip: actor.ip,
    });
    return inserted;
  });
  await bus.publish({ k: 'show', counterId: counter.id, sessionId: row.id });
  return toSessionView(row, row.id);
}

export async function listOpenSessions(
  db: Kysely<Database>,
  actor: Actor,
  counterId: number,
): Promise<LiveSessionView[] | LiveError> {
  const counter = await usableCounter(db, actor, counterId);
  if (!counter) return { error: 'counter_not_found' };
  const [rows, shown] = await Promise.all([
    db
      .selectFrom('live_sessions')
      .selectAll()
      .where('counter_id', '=', counterId)
      .where('officer_user_id', '=', actor.auth.user.id)
      .where('status', '=', 'open')
      .orderBy('created_at')
      .execute(),
    shownSessionOf(db, counterId),
  ]);
  return rows.map((r) => toSessionView(r, shown));
}

/** Shows one of the officer's open sessions on the counter's display (switching citizens). */
export async function showSession(
  db: Kysely<Database>,
  bus: LiveBus,
  actor: Actor,
  id: string,
): Promise<LiveSessionView | LiveError> {
  const row = await findOwnSession(db, actor, id);
  if (!row) return { error: 'session_not_found' };
  if (row.status !== 'open') return { error: 'session_closed' };
  await setShown(db, row.counter_id, row.id);
  await bus.publish({ k: 'show', counterId: row.counter_id, sessionId: row.id });
  return toSessionView(row, row.id);
}

/** Turns the review banner on or off ("Xin ông/bà kiểm tra lại thông tin"); each change is an event. */
export async function setReview(
  db: Kysely<Database>,
  bus: LiveBus,
  actor: Actor,
  id: string,
  on: boolean,
): Promise<LiveSessionView | LiveError> {
  const row = await findOwnSession(db, actor, id);
  if (!row) return { error: 'session_not_found' };
  if (row.status !== 'open') return { error: 'session_closed' };
  const wasShown = (await shownSessionOf(db, row.counter_id)) === id;
  const updated = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('live_sessions')
      .set({ review: on ? 1 : 0, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Review means the citizen looks at this session: it must be the one on the display.
    if (on && !wasShown) await setShown(trx, row.counter_id, row.id);
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: row.unit_id,
      entityType: 'live_session',
      entityId: id,
      action: on ? 'review_start' : 'review_end',
      ip: actor.ip,
    });
    return u;
  });
  if (on && !wasShown) await bus.publish({ k: 'show', counterId: row.counter_id, sessionId: row.id });
  else await bus.publish({ k: 'review', counterId: row.counter_id, sessionId: id, on });
  return toSessionView(updated, await shownSessionOf(db, row.counter_id));
}

/** Records that the citizen checked the document on the display and confirmed it. */
export async function confirmSession(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<LiveSessionView | LiveError> {
  const row = await findOwnSession(db, actor, id);
  if (!row) return { error: 'session_not_found' };
  if (row.status !== 'open') return { error: 'session_closed' };
  const now = new Date().toISOString();
  const updated = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('live_sessions')
      .set({ confirmed_at: now, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: row.unit_id,
      entityType: 'live_session',
      entityId: id,
      action: 'citizen_confirmed',
      data: { seq: row.seq },
      ip: actor.ip,
    });
    return u;
  });
  return toSessionView(updated, await shownSessionOf(db, row.counter_id));
}

/** Records a print (every print and reprint is an event with its number of copies). */
export async function recordPrint(
  db: Kysely<Database>,
  actor: Actor,
  row: LiveSessionRow,
  copies: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('live_sessions')
      .set((eb) => ({ print_count: eb('print_count', '+', 1), updated_at: new Date().toISOString() }))
      .where('id', '=', row.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: row.unit_id,
      entityType: 'live_session',
      entityId: row.id,
      action: row.print_count > 0 ? 'reprint' : 'print',
      data: { copies, templateId: row.template_id, templateVersion: row.template_version, seq: row.seq },
      ip: actor.ip,
    });
  });
}

/**
 * Ends a session: the display clears at once; the draft is kept for the retention period. With
 * `dossierCode` (the dossier received from this session's draft) the event records it, and the display
 * then asks the citizen to rate the receipt. Fails with session_not_found, or dossier_not_found when the
 * dossier was not made from this session.
 */
export async function closeSession(
  db: Kysely<Database>,
  bus: LiveBus,
  actor: Actor,
  id: string,
  dossierCode?: string,
): Promise<LiveSessionView | LiveError> {
  const row = await findOwnSession(db, actor, id);
  if (!row) return { error: 'session_not_found' };
  if (dossierCode !== undefined) {
    const d = await db
      .selectFrom('dossiers')
      .select('id')
      .where('code', '=', dossierCode)
      .where('draft_id', '=', id)
      .executeTakeFirst();
    if (!d) return { error: 'dossier_not_found' };
  }
  if (row.status !== 'open') return toSessionView(row, null);
  const now = new Date().toISOString();
  const { updated, wasShown } = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('live_sessions')
      .set({ status: 'closed', closed_at: now, updated_at: now, review: 0 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const shown = (await shownSessionOf(trx, row.counter_id)) === id;
    if (shown) await setShown(trx, row.counter_id, null);
    await recordEvent(trx, {
      actorUserId: actor.auth.user.id,
      unitId: row.unit_id,
      entityType: 'live_session',
      entityId: id,
      action: 'close',
      fromState: 'open',
      toState: 'closed',
      ...(dossierCode ? { data: { dossierCode } } : {}),
      ip: actor.ip,
    });
    return { updated: u, wasShown: shown };
  });
  if (wasShown) await bus.publish({ k: 'show', counterId: row.counter_id, sessionId: null });
  return toSessionView(updated, null);
}

interface CachedSession {
  counterId: number;
  officerUserId: number;
  values: Record<string, unknown>;
  /** The last seq handed to the writer (committed or on its way). */
  seq: number;
  focus: string | null;
  templateId: string;
  templateVersion: number;
  template?: FormTemplate | null;
  /** Writes handed to the writer and not settled yet, and who waits for them all to settle. */
  inflight: number;
  idle: (() => void)[] | null;
}

export type PatchResult = { seq: number; applied: boolean } | LiveError;

/** A patch taken in: already on the displays; `committed` settles once its draft write is committed. */
export interface StagedPatch {
  committed: Promise<PatchResult>;
}

const ATTEMPTS = 3;

/** Settles once none of the session's writes is in flight (a counter, not a promise chain kept per keystroke). */
function whenIdle(c: CachedSession): Promise<void> {
  if (c.inflight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    c.idle ??= [];
    c.idle.push(resolve);
  });
}

/**
 * Applies typed patches to drafts. Each process keeps the sessions it has seen in memory and writes with an
 * optimistic check on `seq` (through the batching DraftWriter), so a keystroke costs one row update; if
 * another process wrote in between, the row is re-read and the patch applied again. A patch goes to the
 * displays as soon as it is taken in, and is acknowledged only once committed; the next keystroke does not
 * wait for the previous one's commit (writes of one session are committed in order).
 */
export class PatchApplier {
  private readonly cache = new Map<string, CachedSession>();
  private readonly writer: DraftWriter;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: LiveBus,
    kind: DatabaseKind,
    sqlite?: SqliteHandle,
    log?: FastifyBaseLogger,
    groupCommitMs = 0,
  ) {
    this.writer = new DraftWriter(db, kind, sqlite, log, groupCommitMs);
  }

  /** Stops the draft writer's worker; call when the app closes. */
  close(): Promise<void> {
    return this.writer.close();
  }

  forget(sessionId: string): void {
    this.cache.delete(sessionId);
  }

  /** This process's copy of a draft, with the keystrokes taken in but not yet committed. */
  peek(
    sessionId: string,
  ): { values: Record<string, unknown>; seq: number; focus: string | null } | undefined {
    const c = this.cache.get(sessionId);
    return c && { values: c.values, seq: c.seq, focus: c.focus };
  }

  /** Settles when every patch of the session taken in by this process so far is committed (or failed). */
  settled(sessionId: string): Promise<void> {
    const c = this.cache.get(sessionId);
    return c ? whenIdle(c) : Promise.resolve();
  }

  private async load(sessionId: string, actor: Actor): Promise<CachedSession | LiveError> {
    const row = await findOwnSession(this.db, actor, sessionId);
    if (!row) return { error: 'session_not_found' };
    if (row.status !== 'open') return { error: 'session_closed' };
    const c: CachedSession = {
      counterId: row.counter_id,
      officerUserId: row.officer_user_id,
      values: JSON.parse(row.values_json) as Record<string, unknown>,
      seq: row.seq,
      focus: row.focus,
      templateId: row.template_id,
      templateVersion: row.template_version,
      inflight: 0,
      idle: null,
    };
    // Drafts of finished citizens are not needed here; the oldest entries go first.
    if (this.cache.size >= MAX_CACHED_SESSIONS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(sessionId, c);
    return c;
  }

  /** Applies a patch and waits for its commit. */
  async apply(actor: Actor, sessionId: string, p: PatchInput): Promise<PatchResult> {
    const staged = await this.stage(actor, sessionId, p);
    return isLiveError(staged) ? staged : staged.committed;
  }

  /**
   * Takes a patch in: checks it, changes the cached draft, publishes it to the displays and hands the draft
   * to the writer. Patches of one session must be staged in order (the officer's socket does so).
   */
  async stage(actor: Actor, sessionId: string, p: PatchInput, attempt = 1): Promise<StagedPatch | LiveError> {
    let c = this.cache.get(sessionId);
    if (c && c.officerUserId !== actor.auth.user.id) return { error: 'session_not_found' };
    if (!c) {
      const loaded = await this.load(sessionId, actor);
      if (isLiveError(loaded)) return loaded;
      c = loaded;
    }
    const cached = c;
    if (p.seq <= cached.seq) {
      // Already taken in (a replay): acknowledged once what came before it is committed.
      return {
        committed: whenIdle(cached).then(() =>
          this.cache.get(sessionId) === cached
            ? { seq: cached.seq, applied: false }
            : this.apply(actor, sessionId, p),
        ),
      };
    }
    const values = cached.values;
    if (p.path !== undefined) {
      cached.template ??=
        (await findLiveTemplate(this.db, cached.templateId, cached.templateVersion)) ?? null;
      if (!cached.template || !pathInTemplate(cached.template, p.path))
        return { error: 'bad_path', path: p.path };
      const value = p.value === undefined ? null : p.value;
      if (JSON.stringify(value).length > MAX_VALUE_BYTES) return { error: 'too_large' };
      // Changed in place: if the write fails, this cached copy is dropped and the row read again.
      setAt(values, p.path, value === null ? undefined : value);
    }
    const json = JSON.stringify(values);
    if (json.length > MAX_DRAFT_BYTES) {
      this.cache.delete(sessionId);
      return { error: 'too_large' };
    }
    // The display mirrors the keystroke while the draft is being committed: the display latency is the
    // hub's, not the disk's. The officer's ack still waits for the commit (nothing acked is ever lost), and
    // a patch published again after a failed write carries the same seq, which displays ignore.
    const msg: Parameters<LiveBus['publish']>[0] = {
      k: 'patch',
      counterId: cached.counterId,
      sessionId,
      seq: p.seq,
    };
    if (p.path !== undefined) {
      msg.path = p.path;
      msg.value = p.value === undefined ? null : p.value;
    }
    if (p.focus !== undefined) msg.focus = p.focus;
    const published = this.bus.publish(msg);
    const focus = p.focus === undefined ? cached.focus : p.focus;
    const prevSeq = cached.seq;
    cached.seq = p.seq;
    cached.focus = focus;
    const written = this.writer.write({ id: sessionId, prevSeq, seq: p.seq, json, focus });
    const committed = Promise.all([written, published]).then(async ([ok]): Promise<PatchResult> => {
      if (ok) return { seq: p.seq, applied: true };
      // Another process wrote this session (or it was closed): read the row again and apply once more.
      if (this.cache.get(sessionId) === cached) this.cache.delete(sessionId);
      if (attempt >= ATTEMPTS) throw new Error(`draft ${sessionId}: seq ${p.seq} kept conflicting`);
      const again = await this.stage(actor, sessionId, p, attempt + 1);
      return isLiveError(again) ? again : again.committed;
    });
    cached.inflight++;
    const done = () => {
      if (--cached.inflight > 0 || !cached.idle) return;
      for (const f of cached.idle) f();
      cached.idle = null;
    };
    committed.then(done, done);
    return { committed };
  }
}

/** Deletes drafts of sessions closed more than `days` ago, and pairing leftovers. Returns the drafts removed. */
export async function sweepLive(db: Kysely<Database>, days: number, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - days * 86_400_000).toISOString();
  const res = await db
    .deleteFrom('live_sessions')
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .executeTakeFirst();
  const dayAgo = new Date(now - 86_400_000).toISOString();
  // A display page that never got paired leaves a row behind; a day later it is noise.
  await db
    .deleteFrom('live_displays')
    .where('counter_id', 'is', null)
    .where('created_at', '<', dayAgo)
    .execute();
  await db.deleteFrom('live_pair_failures').where('at', '<', dayAgo).execute();
  return Number(res.numDeletedRows);
}
