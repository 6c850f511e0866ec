import { WebSocket } from 'ws';
import { LIVE_WS_PATH } from '../../../core/live/live-messages.ts';

// biome-ignore lint/suspicious/noExplicitAny: test messages are checked field by field.
export type AnyMessage = any;

/** A WebSocket client for tests and the bench: collects messages, waits for one that matches. */
export class TestSocket {
  readonly messages: AnyMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: { pred: (m: AnyMessage) => boolean; ok: (m: AnyMessage) => void }[] = [];
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];
  onMessage: ((m: AnyMessage) => void) | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8'));
      this.onMessage?.(m);
      const i = this.waiters.findIndex((w) => w.pred(m));
      if (i >= 0) {
        const [w] = this.waiters.splice(i, 1);
        w?.ok(m);
      } else this.messages.push(m);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closeWaiters) w(this.closed);
    });
    ws.on('error', () => undefined);
  }

  static open(
    baseUrl: string,
    role: 'officer' | 'display',
    headers: Record<string, string> = {},
  ): Promise<TestSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${LIVE_WS_PATH}?role=${role}`, { headers });
    const s = new TestSocket(ws);
    return new Promise((ok, fail) => {
      ws.once('open', () => ok(s));
      ws.once('error', fail);
      // A refused handshake: drop the connection, or the server would wait for it when closing.
      ws.once('unexpected-response', (req, res) => {
        res.resume();
        req.destroy();
        res.socket.destroy();
        fail(new Error(`Unexpected server response: ${res.statusCode}`));
      });
    });
  }

  static async display(baseUrl: string, token: string): Promise<TestSocket> {
    const s = await TestSocket.open(baseUrl, 'display');
    s.send({ t: 'hello', token });
    return s;
  }

  static officer(baseUrl: string, bearer: string): Promise<TestSocket> {
    return TestSocket.open(baseUrl, 'officer', { authorization: `Bearer ${bearer}` });
  }

  send(m: unknown): void {
    this.ws.send(JSON.stringify(m));
  }

  /** The first message (already received or coming) that matches. */
  next(pred: (m: AnyMessage) => boolean, timeoutMs = 5000): Promise<AnyMessage> {
    const i = this.messages.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.messages.splice(i, 1)[0]);
    return new Promise((ok, fail) => {
      const w = {
        pred,
        ok: (m: AnyMessage) => {
          clearTimeout(timer);
          ok(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        fail(
          new Error(
            `no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 500)}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  type(t: string, timeoutMs?: number): Promise<AnyMessage> {
    return this.next((m) => m.t === t, timeoutMs);
  }

  waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('socket not closed')), timeoutMs);
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        ok(c);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
