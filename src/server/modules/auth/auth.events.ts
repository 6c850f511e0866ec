/**
 * Sessions ended in this process (a logout, an account locked or its password reset). Whatever holds a
 * long-lived connection for a session (the counter's live socket) listens and closes it at once; other
 * processes notice at their next periodic check.
 */
export type SessionEnd = { tokenHash: string } | { userId: number };

const listeners = new Set<(e: SessionEnd) => void>();

export function onSessionEnded(listener: (e: SessionEnd) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function sessionEnded(e: SessionEnd): void {
  for (const l of listeners) l(e);
}
