import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import type { DisplaySession, ToDisplay } from '../../../core/live/live-messages.ts';
import { CLOSE_CODES } from '../../../core/live/live-messages.ts';
import type { Database } from '../../db/schema.ts';
import { pendingRating } from './live.intake.ts';
import { renewCode } from './live.pairing.ts';
import { shownSessionOf } from './live.service.ts';
import type { LiveDisplayRow } from './live.tables.ts';
import { findLiveTemplate } from './live.templates.ts';
import type { BusMessage, LiveBus } from './live-bus.ts';

/** This process's state of a draft, including keystrokes not yet committed (see PatchApplier.peek). */
export type LocalDraft = (
  sessionId: string,
) => { values: unknown; seq: number; focus: string | null } | undefined;

/** What a paired display is sent first, and again whenever the counter's shown session changes. */
export async function displaySnapshot(
  db: Kysely<Database>,
  counterId: number,
  local?: LocalDraft,
): Promise<Extract<ToDisplay, { t: 'snapshot' }>> {
  const [counter, shownId] = await Promise.all([
    db
      .selectFrom('counters')
      .innerJoin('units', 'units.id', 'counters.unit_id')
      .select(['counters.name as counterName', 'units.name as unitName'])
      .where('counters.id', '=', counterId)
      .executeTakeFirst(),
    shownSessionOf(db, counterId),
  ]);
  let session: DisplaySession | null = null;
  let template: unknown = null;
  if (shownId) {
    const row = await db
      .selectFrom('live_sessions')
      .selectAll()
      .where('id', '=', shownId)
      .where('counter_id', '=', counterId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (row) {
      template = (await findLiveTemplate(db, row.template_id, row.template_version)) ?? null;
      if (template) {
        session = {
          id: row.id,
          templateId: row.template_id,
          templateVersion: row.template_version,
          values: JSON.parse(row.values_json) as Record<string, unknown>,
          focus: row.focus,
          seq: row.seq,
          review: row.review === 1,
        };
        // Typed here but not committed yet: the display must not start behind what it was already shown.
        const mine = local?.(row.id);
        if (mine && mine.seq > row.seq) {
          session.values = structuredClone(mine.values) as Record<string, unknown>;
          session.seq = mine.seq;
          session.focus = mine.focus;
        }
      }
    }
  }
  const snap: Extract<ToDisplay, { t: 'snapshot' }> = {
    t: 'snapshot',
    unitName: counter?.unitName ?? '',
    counterName: counter?.counterName ?? '',
    session,
    template: session ? template : null,
  };
  // Between citizens, the one just served is asked how it went.
  if (!session) {
    const rating = await pendingRating(db, counterId);
    if (rating) snap.rating = rating;
  }
  return snap;
}

/**
 * How long a patch from another process is kept for displays that (re)join here: it reaches the displays
 * before its draft is committed, so a snapshot read in between would miss it. (This process's own
 * keystrokes are in its PatchApplier, which the snapshot reads.)
 */
const RECENT_MS = 10_000;

interface RecentPatch {
  sessionId: string;
  seq: number;
  text: string;
  at: number;
}

interface DisplayConn {
  socket: WebSocket;
  displayId: number;
  counterId: number | null;
  /** Patches that arrive while the snapshot is being read; those of the snapshot's session follow it. */
  pending: { sessionId: string | null; text: string }[] | null;
}

/**
 * The live sockets of one app process: which displays watch which counter, and what each counter shows.
 * Every change arrives through the bus (from this process or another) and is forwarded only to the
 * displays of that counter, and only for the session the counter shows.
 */
export class LiveHub {
  private readonly byCounter = new Map<number, Set<DisplayConn>>();
  private readonly byDisplay = new Map<number, DisplayConn>();
  private readonly shown = new Map<number, string | null>();
  /** Bumped by every change of the shown session, so a slow snapshot never overwrites a newer one. */
  private readonly generation = new Map<number, number>();
  /** Per counter, the latest patch from another process for each path (a display may join any time). */
  private readonly recent = new Map<number, Map<string, RecentPatch>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Kysely<Database>,
    bus: LiveBus,
    private readonly log: FastifyBaseLogger,
    private readonly local?: LocalDraft,
  ) {
    this.unsubscribe = bus.subscribe((m, remote) => this.onBus(m, remote));
  }

  close(): void {
    this.unsubscribe();
    for (const c of this.byDisplay.values()) c.socket.close(1001, 'server closing');
  }

  displayCount(): number {
    return this.byDisplay.size;
  }

  /** Sends to a display; `sessionId` (for session messages) must be the session the counter shows. */
  private send(conn: DisplayConn, text: string, sessionId: string | null = null): void {
    if (conn.pending) conn.pending.push({ sessionId, text });
    else if (
      conn.socket.readyState === 1 &&
      (sessionId === null || this.shown.get(conn.counterId ?? -1) === sessionId)
    ) {
      conn.socket.send(text);
    }
  }

  /** Attaches an authenticated display socket: pairing code if unpaired, else the counter's snapshot. */
  async attach(socket: WebSocket, display: LiveDisplayRow): Promise<void> {
    const previous = this.byDisplay.get(display.id);
    if (previous && previous.socket !== socket) this.detach(previous.socket, display.id);
    const conn: DisplayConn = { socket, displayId: display.id, counterId: display.counter_id, pending: null };
    this.byDisplay.set(display.id, conn);
    socket.on('close', () => this.detach(socket, display.id));
    this.db
      .updateTable('live_displays')
      .set({ last_seen_at: new Date().toISOString() })
      .where('id', '=', display.id)
      .execute()
      .catch(() => undefined);
    if (display.counter_id === null) {
      await this.sendPairing(conn, display);
      return;
    }
    await this.joinCounter(conn, display.counter_id);
  }

  private async sendPairing(conn: DisplayConn, display: LiveDisplayRow): Promise<void> {
    const code = await renewCode(this.db, display);
    if ('error' in code) {
      conn.socket.close(CLOSE_CODES.unauthorized, code.error);
      return;
    }
    const msg: ToDisplay = { t: 'pairing', code: code.code, expiresAt: code.expiresAt, unitName: null };
    this.send(conn, JSON.stringify(msg));
  }

  private async joinCounter(conn: DisplayConn, counterId: number): Promise<void> {
    conn.counterId = counterId;
    let set = this.byCounter.get(counterId);
    if (!set) {
      set = new Set();
      this.byCounter.set(counterId, set);
    }
    set.add(conn);
    await this.resend([conn], counterId);
  }

  private detach(socket: WebSocket, displayId: number): void {
    const conn = this.byDisplay.get(displayId);
    if (!conn || conn.socket !== socket) return;
    this.byDisplay.delete(displayId);
    if (conn.counterId !== null) {
      const set = this.byCounter.get(conn.counterId);
      set?.delete(conn);
      if (set && set.size === 0) {
        this.byCounter.delete(conn.counterId);
        this.shown.delete(conn.counterId);
        this.generation.delete(conn.counterId);
      }
    }
  }

  /** Reads the counter's state once and sends it to the given displays; patches arriving meanwhile wait. */
  private async resend(conns: DisplayConn[], counterId: number): Promise<void> {
    for (const c of conns) c.pending ??= [];
    const gen = this.generation.get(counterId) ?? 0;
    try {
      const snap = await displaySnapshot(this.db, counterId, this.local);
      // A newer change of the shown session started its own read: this one is stale, that one will send.
      if ((this.generation.get(counterId) ?? 0) !== gen) return;
      const sid = snap.session?.id ?? null;
      this.shown.set(counterId, sid);
      const text = JSON.stringify(snap);
      // Typed before the snapshot was read but not yet committed then: sent after it (the display ignores
      // what the snapshot already holds).
      const seq = snap.session?.seq ?? 0;
      const since = Date.now() - RECENT_MS;
      const missed = [...(this.recent.get(counterId)?.values() ?? [])]
        .filter((r) => r.sessionId === sid && r.seq > seq && r.at > since)
        .sort((a, b) => a.seq - b.seq);
      for (const c of conns) {
        const queued = c.pending ?? [];
        c.pending = null;
        if (c.socket.readyState !== 1) continue;
        c.socket.send(text);
        for (const r of missed) c.socket.send(r.text);
        for (const q of queued) if (q.sessionId === null || q.sessionId === sid) c.socket.send(q.text);
      }
    } catch (err) {
      this.log.warn({ err, counterId }, 'live snapshot failed');
      for (const c of conns) {
        c.pending = null;
        c.socket.close(1011, 'snapshot failed');
      }
    }
  }

  private remember(counterId: number, path: string, r: RecentPatch): void {
    let byPath = this.recent.get(counterId);
    if (!byPath) {
      byPath = new Map();
      this.recent.set(counterId, byPath);
    }
    // A new session at this counter: the previous one's keystrokes are of no use to anyone.
    const first = byPath.values().next().value;
    if (first && first.sessionId !== r.sessionId) byPath.clear();
    byPath.set(path, r);
  }

  private onBus(m: BusMessage, remote: boolean): void {
    switch (m.k) {
      case 'patch': {
        const out: ToDisplay = { t: 'patch', sessionId: m.sessionId, seq: m.seq };
        if (m.path !== undefined) {
          out.path = m.path;
          out.value = m.value;
        }
        if (m.focus !== undefined) out.focus = m.focus;
        const text = JSON.stringify(out);
        if (remote)
          this.remember(m.counterId, m.path ?? '', {
            sessionId: m.sessionId,
            seq: m.seq,
            text,
            at: Date.now(),
          });
        const set = this.byCounter.get(m.counterId);
        if (!set) return;
        for (const c of set) this.send(c, text, m.sessionId);
        return;
      }
      case 'show': {
        const set = this.byCounter.get(m.counterId);
        if (!set) return;
        this.generation.set(m.counterId, (this.generation.get(m.counterId) ?? 0) + 1);
        this.shown.set(m.counterId, m.sessionId);
        if (m.sessionId === null) {
          // Clear at once, before anything else: the next citizen must never see the previous data.
          const text = JSON.stringify({ t: 'idle' } satisfies ToDisplay);
          for (const c of set) {
            if (c.pending) c.pending.length = 0;
            if (c.socket.readyState === 1) c.socket.send(text);
          }
        }
        void this.resend([...set], m.counterId);
        return;
      }
      case 'review': {
        const set = this.byCounter.get(m.counterId);
        if (!set) return;
        const text = JSON.stringify({ t: 'review', sessionId: m.sessionId, on: m.on } satisfies ToDisplay);
        for (const c of set) this.send(c, text, m.sessionId);
        return;
      }
      case 'reload': {
        const set = this.byCounter.get(m.counterId);
        if (set && this.shown.get(m.counterId) === m.sessionId) void this.resend([...set], m.counterId);
        return;
      }
      case 'display': {
        const conn = this.byDisplay.get(m.displayId);
        if (!conn) return;
        if (m.event === 'revoked') {
          if (conn.socket.readyState === 1)
            conn.socket.send(JSON.stringify({ t: 'revoked' } satisfies ToDisplay));
          conn.socket.close(CLOSE_CODES.revoked, 'revoked');
          this.detach(conn.socket, conn.displayId);
          return;
        }
        void this.db
          .selectFrom('live_displays')
          .select(['counter_id', 'revoked_at'])
          .where('id', '=', m.displayId)
          .executeTakeFirst()
          .then((row) => {
            if (row?.counter_id != null && row.revoked_at === null && conn.counterId === null) {
              return this.joinCounter(conn, row.counter_id);
            }
          })
          .catch((err) => this.log.warn({ err }, 'live pairing notice failed'));
        return;
      }
      case 'resync':
        for (const [counterId, set] of this.byCounter) void this.resend([...set], counterId);
        return;
    }
  }
}
