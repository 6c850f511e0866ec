import type { ToOfficer } from '../../core/live/live-messages.ts';
import { CLOSE_CODES, LIVE_WS_PATH } from '../../core/live/live-messages.ts';
import { Outbox, type OutboxEntry } from './outbox.ts';

export type LinkStatus = 'connecting' | 'online' | 'offline' | 'signedOut';

export interface LiveClientEvents {
  status(s: LinkStatus, unacked: number): void;
  /** The server refused a patch (closed session, unknown field): it will not be retried. */
  refused(sessionId: string, message: string): void;
}

/**
 * The counter's side of the live channel: every change becomes a numbered patch, sent at once, kept in
 * IndexedDB until the server acknowledges it, and replayed in order after a reconnect or a reload.
 */
export class LiveClient {
  private ws: WebSocket | null = null;
  private readonly outbox = new Outbox();
  private readonly pending: OutboxEntry[] = [];
  private readonly lastSeq = new Map<string, number>();
  private retryMs = 500;
  private stopped = false;
  private status: LinkStatus = 'connecting';
  private pinger: ReturnType<typeof setInterval> | undefined;
  /** Called after every ack (see `saved`). */
  private readonly ackWaiters = new Set<() => void>();

  constructor(private readonly events: LiveClientEvents) {}

  /** Loads what a previous page left unacknowledged; call before `start`, apply the entries to the drafts. */
  async restore(): Promise<OutboxEntry[]> {
    const entries = await this.outbox.all();
    for (const e of entries) {
      this.pending.push(e);
      this.lastSeq.set(e.sessionId, Math.max(this.lastSeq.get(e.sessionId) ?? 0, e.seq));
    }
    return entries;
  }

  /** The server's seq of a session, so that new patches number after it. */
  knowSession(sessionId: string, serverSeq: number): void {
    this.lastSeq.set(sessionId, Math.max(this.lastSeq.get(sessionId) ?? 0, serverSeq));
  }

  forgetSession(sessionId: string): void {
    for (let i = this.pending.length - 1; i >= 0; i--)
      if (this.pending[i]!.sessionId === sessionId) this.pending.splice(i, 1);
    void this.outbox.dropSession(sessionId);
    this.emitStatus();
  }

  unacked(sessionId?: string): number {
    return sessionId ? this.pending.filter((p) => p.sessionId === sessionId).length : this.pending.length;
  }

  /**
   * Resolves true once every change of the session sent so far is saved on the server, asking the server
   * not to wait before acknowledging; false if that takes longer than `timeoutMs` (offline, say).
   */
  saved(sessionId: string, timeoutMs = 5000): Promise<boolean> {
    if (this.unacked(sessionId) === 0) return Promise.resolve(true);
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ t: 'sync' }));
    return new Promise((done) => {
      const check = () => {
        if (this.unacked(sessionId) > 0) return;
        finish(true);
      };
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.ackWaiters.delete(check);
        done(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.ackWaiters.add(check);
    });
  }

  start(): void {
    this.stopped = false;
    this.connect();
    this.pinger = setInterval(() => {
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ t: 'ping' }));
    }, 20_000);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.pinger);
    this.ws?.close();
  }

  /** Sends one change; returns its seq. */
  send(sessionId: string, change: { path?: string; value?: unknown; focus?: string | null }): number {
    const seq = (this.lastSeq.get(sessionId) ?? 0) + 1;
    this.lastSeq.set(sessionId, seq);
    const entry: OutboxEntry = { sessionId, seq, ...change };
    this.pending.push(entry);
    void this.outbox.put(entry);
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ t: 'patch', ...entry }));
    this.emitStatus();
    return seq;
  }

  private emitStatus(): void {
    this.events.status(this.status, this.pending.length);
  }

  private setStatus(s: LinkStatus): void {
    this.status = s;
    this.emitStatus();
  }

  private connect(): void {
    if (this.stopped) return;
    this.setStatus('connecting');
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}${LIVE_WS_PATH}?role=officer`);
    this.ws = ws;
    ws.onmessage = (e) => {
      let m: ToOfficer;
      try {
        m = JSON.parse(String(e.data)) as ToOfficer;
      } catch {
        return;
      }
      if (m.t === 'ready') {
        this.retryMs = 500;
        this.setStatus('online');
        // Replay everything not yet acknowledged, in the order typed.
        for (const p of this.pending) ws.send(JSON.stringify({ t: 'patch', ...p }));
        // Someone may be waiting to print: the replayed patches are acknowledged without delay.
        if (this.pending.length > 0 && this.ackWaiters.size > 0) ws.send(JSON.stringify({ t: 'sync' }));
      } else if (m.t === 'ack' || m.t === 'nack') {
        for (let i = this.pending.length - 1; i >= 0; i--) {
          const p = this.pending[i]!;
          if (p.sessionId === m.sessionId && p.seq <= m.seq) this.pending.splice(i, 1);
        }
        void this.outbox.ackUpTo(m.sessionId, m.seq);
        if (m.t === 'nack') this.events.refused(m.sessionId, m.message);
        this.emitStatus();
        for (const w of [...this.ackWaiters]) w();
      }
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (e.code === CLOSE_CODES.unauthorized) {
        // Logged out (here or elsewhere) or the account was locked: retrying cannot help. What was not
        // acknowledged stays in IndexedDB and is sent after the next login.
        this.stopped = true;
        clearInterval(this.pinger);
        this.setStatus('signedOut');
        return;
      }
      this.setStatus('offline');
      if (this.stopped) return;
      const wait = this.retryMs * (0.75 + Math.random() * 0.5);
      this.retryMs = Math.min(this.retryMs * 2, 8000);
      setTimeout(() => this.connect(), wait);
    };
  }
}
