/**
 * What travels between the counter, the server and the citizen's display (docs/LIVE.md).
 * Plain types only: the display bundle imports this file and must stay small (no zod here).
 */

/** One change typed at the counter: the value at one path, and/or the field being typed. */
export interface LivePatch {
  sessionId: string;
  /** Per session, increasing; the server acks it and ignores a seq it has already applied. */
  seq: number;
  /** Value path (`mother.fullName`, `madeAt.date`); absent for a focus-only move. */
  path?: string;
  /** The raw value as typed; `null` clears the field. */
  value?: unknown;
  /** The field key being typed, or null when no field has focus. */
  focus?: string | null;
}

/** A session as the display sees it: only what the document needs. */
export interface DisplaySession {
  id: string;
  templateId: string;
  templateVersion: number;
  values: Record<string, unknown>;
  focus: string | null;
  seq: number;
  review: boolean;
}

/**
 * The satisfaction question the display asks right after a dossier was received at its counter. The
 * labels travel with it, so the display bundle carries no copy of them.
 */
export interface DisplayRatingAsk {
  dossierCode: string;
  question: string;
  options: { value: string; label: string }[];
  reasons: { value: string; label: string }[];
}

/** Messages the server sends to a display socket. */
export type ToDisplay =
  | { t: 'pairing'; code: string; expiresAt: string; unitName: string | null }
  | {
      t: 'snapshot';
      unitName: string;
      counterName: string;
      session: DisplaySession | null;
      /** The expanded template of the session (a FormTemplate), sent with the snapshot. */
      template: unknown;
      /** No session shown and a dossier was just received here: ask the citizen to rate it. */
      rating?: DisplayRatingAsk;
    }
  | { t: 'patch'; sessionId: string; seq: number; path?: string; value?: unknown; focus?: string | null }
  | { t: 'review'; sessionId: string; on: boolean }
  | { t: 'idle' }
  | { t: 'revoked' }
  | { t: 'pong' };

/** Messages a display may send; anything else closes its socket. */
export type FromDisplay = { t: 'hello'; token: string } | { t: 'ping' };

/** Messages the server sends to an officer socket. */
export type ToOfficer =
  | { t: 'ready' }
  | { t: 'ack'; sessionId: string; seq: number }
  | { t: 'nack'; sessionId: string; seq: number; message: string }
  | { t: 'pong' };

/**
 * Messages an officer socket sends. `sync` asks for the acks of everything sent before it at once (acks are
 * otherwise sent together a little later): the counter sends it before printing.
 */
export type FromOfficer = ({ t: 'patch' } & LivePatch) | { t: 'sync' } | { t: 'ping' };

/** WebSocket close codes used by the live channel (4000–4999 are the application's). */
export const CLOSE_CODES = {
  badMessage: 4400,
  unauthorized: 4401,
  revoked: 4403,
} as const;

/** Pairing codes avoid letters and digits people confuse on a TV (0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const PAIRING_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const PAIRING_CODE_LENGTH = 6;

/** Uppercases a typed code and drops spaces and dashes, so "acd-efg" matches "ACDEFG". */
export function normalizePairingCode(s: string): string {
  return s.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether a value path's text belongs to the focused field (the field itself or a part inside it). */
export function isUnderFocus(path: string | undefined, focus: string | null | undefined): boolean {
  if (!path || !focus) return false;
  return path === focus || path.startsWith(`${focus}.`) || path.startsWith(`${focus}[`);
}

/** Where a display sends the citizen's rating (with its token in the x-display-token header). */
export const DISPLAY_RATING_PATH = '/api/live/display/rating';

/** The live socket's path on the server (same port as the API, plain HTTP upgrade). */
export const LIVE_WS_PATH = '/api/live/ws';
