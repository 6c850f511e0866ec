import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToOfficer } from '../../../core/live/live-messages.ts';
import { AckBatcher } from './live.acks.ts';

describe('AckBatcher: acks are cumulative, sent together after the delay', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one ack per session with the highest seq once the delay has passed', () => {
    vi.useFakeTimers();
    const sent: ToOfficer[] = [];
    const acks = new AckBatcher((m) => sent.push(m), 1000);
    acks.ack('a', 1);
    acks.ack('a', 2);
    acks.ack('b', 7);
    acks.ack('a', 3);
    vi.advanceTimersByTime(999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      { t: 'ack', sessionId: 'a', seq: 3 },
      { t: 'ack', sessionId: 'b', seq: 7 },
    ]);
    // A replayed (older) seq after that is acked for itself, never lowering what was sent.
    acks.ack('a', 2);
    vi.advanceTimersByTime(1000);
    expect(sent.at(-1)).toEqual({ t: 'ack', sessionId: 'a', seq: 2 });
    expect(sent).toHaveLength(3);
  });

  it('flushes at once when asked (before a nack, on sync), and sends at once without a delay', () => {
    vi.useFakeTimers();
    const sent: ToOfficer[] = [];
    const acks = new AckBatcher((m) => sent.push(m), 1000);
    acks.ack('a', 4);
    acks.flush();
    expect(sent).toEqual([{ t: 'ack', sessionId: 'a', seq: 4 }]);
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(1);
    // And the delay works again after a flush, and again after a timer-sent batch.
    acks.ack('a', 5);
    vi.advanceTimersByTime(1000);
    expect(sent.at(-1)).toEqual({ t: 'ack', sessionId: 'a', seq: 5 });
    acks.ack('a', 6);
    vi.advanceTimersByTime(1000);
    expect(sent.at(-1)).toEqual({ t: 'ack', sessionId: 'a', seq: 6 });
    expect(sent).toHaveLength(3);
    const now = new AckBatcher((m) => sent.push(m), 0);
    now.ack('c', 1);
    expect(sent.at(-1)).toEqual({ t: 'ack', sessionId: 'c', seq: 1 });
  });

  it('sends nothing after the socket closed', () => {
    vi.useFakeTimers();
    const sent: ToOfficer[] = [];
    const acks = new AckBatcher((m) => sent.push(m), 1000);
    acks.ack('a', 1);
    acks.close();
    vi.advanceTimersByTime(2000);
    expect(sent).toEqual([]);
  });
});
