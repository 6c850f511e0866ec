import type { ToOfficer } from '../../../core/live/live-messages.ts';

/**
 * The acknowledgements owed to one officer socket. Acks are cumulative (the counter drops every patch of
 * the session up to the acked seq), so the acks of keystrokes committed within `delayMs` go out as one
 * message per session: fewer messages for the server and the counter, and nothing acked before its commit.
 */
export class AckBatcher {
  private readonly due = new Map<string, number>();
  /** One timer per socket, re-armed rather than created for every batch of acks. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  private armed = false;

  constructor(
    private readonly send: (m: ToOfficer) => void,
    private readonly delayMs: number,
  ) {}

  /** Records that the session's patches up to `seq` are committed. */
  ack(sessionId: string, seq: number): void {
    this.due.set(sessionId, Math.max(this.due.get(sessionId) ?? 0, seq));
    if (this.delayMs <= 0) this.flush();
    else if (!this.armed) {
      this.armed = true;
      if (this.timer) this.timer.refresh();
      else
        this.timer = setTimeout(() => {
          this.armed = false;
          this.flush();
        }, this.delayMs);
    }
  }

  /** Sends every owed ack now (before a nack, and when the counter asks to sync). */
  flush(): void {
    if (this.armed && this.timer) {
      // A cleared timer cannot be re-armed: the next ack makes a new one.
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.armed = false;
    for (const [sessionId, seq] of this.due) this.send({ t: 'ack', sessionId, seq });
    this.due.clear();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armed = false;
    this.due.clear();
  }
}
