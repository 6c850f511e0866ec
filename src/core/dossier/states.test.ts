import { describe, expect, it } from 'vitest';
import { codeDay, formatDossierCode } from './dossier-code.ts';
import { availableActions, checkTransition } from './states.ts';

describe('dossier transitions', () => {
  it('lets an officer receive a new online dossier', () => {
    expect(checkTransition('new', 'receive', 'officer')).toEqual({ ok: true, to: 'received' });
  });

  it('refuses returning a result that is not processed, naming both', () => {
    const r = checkTransition('received', 'return_result', 'officer');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe('invalid_transition');
      expect(r.message).toContain('Đã tiếp nhận');
    }
  });

  it('refuses a leader any action', () => {
    const r = checkTransition('received', 'finish', 'leader');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('forbidden_role');
  });

  it('asks for a reason when requesting a supplement', () => {
    const r = checkTransition('processing', 'request_supplement', 'processor', '  ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('reason_required');
  });

  it("lists the processor's actions on a received dossier", () => {
    expect(availableActions('received', 'processor')).toEqual([
      'start_processing',
      'request_supplement',
      'stop',
      'finish',
      'apologise',
    ]);
  });

  it('keeps the state when apologising for a late dossier, and asks for the reason', () => {
    expect(checkTransition('processing', 'apologise', 'processor', 'Chờ xác minh')).toEqual({
      ok: true,
      to: 'processing',
    });
    const noReason = checkTransition('processing', 'apologise', 'processor');
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.error).toBe('reason_required');
  });

  it('refuses an apology once the result is ready or returned', () => {
    for (const s of ['processed', 'returned', 'refused'] as const) {
      const r = checkTransition(s, 'apologise', 'officer', 'Trễ');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBe('invalid_transition');
    }
  });
});

describe('dossier code', () => {
  it('uses the Vietnamese calendar day, not UTC', () => {
    expect(codeDay(new Date('2026-03-01T18:30:00Z'))).toBe('260302');
  });

  it('pads the sequence to four digits', () => {
    expect(formatDossierCode('000.00.29.H18', '260302', 7)).toBe('000.00.29.H18-260302-0007');
    expect(formatDossierCode('000.00.29.H18', '260302', 12345)).toBe('000.00.29.H18-260302-12345');
  });
});
