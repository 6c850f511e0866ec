import { describe, expect, it } from 'vitest';
import { WindowRateLimiter } from './rate-limit.ts';

describe('the per-IP request window', () => {
  it('lets the limit through, refuses the next, and opens again in the next window', () => {
    let now = 0;
    const l = new WindowRateLimiter(3, 1000, () => now);
    expect([l.take('a'), l.take('a'), l.take('a'), l.take('a')]).toEqual([true, true, true, false]);
    expect(l.take('b')).toBe(true);
    expect(l.retryAfterSeconds('a')).toBe(1);
    now = 1000;
    expect(l.take('a')).toBe(true);
  });

  it('forgets old windows so the map does not grow forever', () => {
    let now = 0;
    const l = new WindowRateLimiter(1, 1000, () => now);
    for (let i = 0; i < 100; i++) l.take(`ip${i}`);
    now = 5000;
    l.take('fresh');
    expect(l.size).toBe(1);
  });
});
