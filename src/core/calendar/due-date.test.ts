import { describe, expect, it } from 'vitest';
import { computeDueAt, formatVnDateTime, workingMinutesElapsed } from './due-date.ts';
import { KNOWN_OVERRIDES } from './known-overrides.ts';

/** A Vietnamese wall-clock time as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const due = (receivedAt: string, workingDays: number, pauses?: Array<[string, string]>) =>
  computeDueAt({
    receivedAt: vn(receivedAt),
    workingDays,
    overrides: KNOWN_OVERRIDES,
    ...(pauses ? { pauses: pauses.map(([from, to]) => ({ from: vn(from), to: vn(to) })) } : {}),
  });

describe('computeDueAt', () => {
  it('is due at closing time of the N-th working day after receipt', () => {
    expect(due('2026-02-09T10:00', 3)).toEqual(vn('2026-02-12T17:00'));
  });

  it('skips the Tết 2026 break announced in Thông báo 9441', () => {
    expect(due('2026-02-13T10:00', 3)).toEqual(vn('2026-02-25T17:00'));
  });

  it('skips the Tết 2025 break', () => {
    expect(due('2025-01-24T09:00', 2)).toEqual(vn('2025-02-04T17:00'));
  });

  it('counts a make-up Saturday as a working day', () => {
    expect(due('2025-04-25T10:00', 1)).toEqual(vn('2025-04-26T17:00'));
    expect(due('2026-08-21T10:00', 1)).toEqual(vn('2026-08-22T17:00'));
  });

  it('treats 24/11/2025 as a working day and 24/11/2026 as a holiday', () => {
    expect(due('2025-11-21T10:00', 1)).toEqual(vn('2025-11-24T17:00'));
    expect(due('2026-11-23T10:00', 1)).toEqual(vn('2026-11-25T17:00'));
  });

  it('counts a dossier received on a Sunday from Monday morning', () => {
    expect(due('2025-06-15T10:00', 1)).toEqual(vn('2025-06-17T17:00'));
    expect(due('2025-06-15T10:00', 0)).toEqual(vn('2025-06-16T17:00'));
  });

  it('counts a dossier received after closing from the next working day', () => {
    expect(due('2025-06-16T18:30', 1)).toEqual(vn('2025-06-18T17:00'));
  });

  it('gives a same-day dossier received by 15:00 the same day', () => {
    expect(due('2025-06-10T14:30', 0)).toEqual(vn('2025-06-10T17:00'));
    expect(due('2025-06-10T15:00', 0)).toEqual(vn('2025-06-10T17:00'));
    expect(due('2025-06-10T06:45', 0)).toEqual(vn('2025-06-10T17:00'));
  });

  it('moves a same-day dossier received after 15:00 to the next working day', () => {
    expect(due('2025-06-10T15:01', 0)).toEqual(vn('2025-06-11T17:00'));
    // Friday afternoon before the Quốc khánh 2025 break (30/8 – 2/9).
    expect(due('2025-08-29T15:30', 0)).toEqual(vn('2025-09-03T17:00'));
  });

  it('does not depend on the machine time zone', () => {
    const sameDay = computeDueAt({
      receivedAt: new Date('2025-06-10T07:30:00Z'),
      workingDays: 0,
      overrides: [],
    });
    expect(sameDay.toISOString()).toBe('2025-06-10T10:00:00.000Z');
    const nextDay = computeDueAt({
      receivedAt: new Date('2025-06-10T08:30:00Z'),
      workingDays: 0,
      overrides: [],
    });
    expect(nextDay.toISOString()).toBe('2025-06-11T10:00:00.000Z');
  });

  it('adds whole paused working days back', () => {
    expect(due('2025-06-09T09:00', 5)).toEqual(vn('2025-06-16T17:00'));
    expect(due('2025-06-09T09:00', 5, [['2025-06-11T07:00', '2025-06-13T17:00']])).toEqual(
      vn('2025-06-19T17:00'),
    );
  });

  it('adds partially paused working hours back, minute for minute', () => {
    // Wed 14:00–17:00 and Thu 07:00–10:00 lost: 6 working hours after Mon 16/06 17:00.
    expect(due('2025-06-09T09:00', 5, [['2025-06-11T14:00', '2025-06-12T10:00']])).toEqual(
      vn('2025-06-17T13:00'),
    );
  });

  it('ignores pauses outside office hours and after the due time', () => {
    expect(due('2025-06-09T09:00', 5, [['2025-06-14T08:00', '2025-06-15T20:00']])).toEqual(
      vn('2025-06-16T17:00'),
    );
    expect(due('2025-06-09T09:00', 5, [['2025-06-17T08:00', '2025-06-20T17:00']])).toEqual(
      vn('2025-06-16T17:00'),
    );
  });

  it('counts overlapping pauses once', () => {
    const pauses: Array<[string, string]> = [
      ['2025-06-11T07:00', '2025-06-12T17:00'],
      ['2025-06-12T07:00', '2025-06-13T17:00'],
    ];
    expect(due('2025-06-09T09:00', 5, pauses)).toEqual(vn('2025-06-19T17:00'));
  });

  it('rejects a fractional number of working days', () => {
    expect(() => due('2025-06-09T09:00', 1.5)).toThrow(RangeError);
  });
});

describe('workingMinutesElapsed', () => {
  it('counts only office hours of working days, minus pauses', () => {
    const minutes = workingMinutesElapsed({
      from: vn('2025-06-13T16:00'),
      to: vn('2025-06-16T09:00'),
      overrides: [],
    });
    expect(minutes).toBe(60 + 120);
    const paused = workingMinutesElapsed({
      from: vn('2025-06-13T16:00'),
      to: vn('2025-06-16T09:00'),
      overrides: [],
      pauses: [{ from: vn('2025-06-16T07:00'), to: vn('2025-06-16T08:00') }],
    });
    expect(paused).toBe(120);
  });
});

describe('formatVnDateTime', () => {
  it('prints Vietnamese local time', () => {
    expect(formatVnDateTime(new Date('2025-06-10T10:00:00Z'))).toBe('17:00 ngày 10/06/2025');
  });
});
