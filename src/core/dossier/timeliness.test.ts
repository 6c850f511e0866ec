import { describe, expect, it } from 'vitest';
import { committedDueAt, formatLocalDateTime, timeliness } from './timeliness.ts';

describe('timeliness of a finished dossier', () => {
  const due = '2025-06-17T09:45:00.000Z'; // 16:45 on 17/06 in Vietnam

  it('calls a result ready the Vietnamese day before the due day early', () => {
    // 23:30 UTC on 16/06 is already 06:30 on 17/06 in Vietnam: the same day, so on time, not early.
    expect(timeliness('2025-06-16T23:30:00.000Z', due)).toBe('on_time');
    expect(timeliness('2025-06-16T09:00:00.000Z', due)).toBe('early');
  });

  it('calls one minute after the due time late', () => {
    expect(timeliness('2025-06-17T09:46:00.000Z', due)).toBe('late');
  });

  it('judges an apologised dossier against the first appointment', () => {
    expect(committedDueAt('2025-06-25T09:00:00.000Z', [{ previousDueAt: '2025-06-20T09:00:00.000Z' }])).toBe(
      '2025-06-20T09:00:00.000Z',
    );
    expect(committedDueAt(due, [])).toBe(due);
  });

  it('formats an instant as local hh:mm dd/mm/yyyy', () => {
    expect(formatLocalDateTime('2025-12-31T17:05:00.000Z')).toBe('00:05 01/01/2026');
  });
});
