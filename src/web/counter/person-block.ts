/**
 * The hook-up point for whatever fills a person at the counter (the ID-card QR scanner in src/web/scan):
 * dispatch the person's values and the counter screen writes them into a person block of the open form,
 * through the same patches as typing (so the display shows them and the draft keeps them).
 *
 *   requestPersonBlock({ fullName: 'Nguyễn Thị Thu Hà', birthDate: '12/03/1995',
 *                        identity: { kind: 'cccd', number: '087195001234' } });          // the focused block
 *   requestPersonBlock({ … }, 'mother');                                                 // a given block
 *
 * Keys are the block's sub-keys (`fullName`, `birthDate`, `gender`, `identity`, `residence`…); keys the
 * template does not have are ignored.
 */
export const PERSON_BLOCK_EVENT = 'kv:person-block';

export interface PersonBlockRequest {
  /** The block's prefix (`requester`, `mother`); absent: the block the officer is in, else the first one. */
  prefix?: string;
  values: Record<string, unknown>;
}

export function requestPersonBlock(values: Record<string, unknown>, prefix?: string): void {
  const detail: PersonBlockRequest = prefix === undefined ? { values } : { prefix, values };
  window.dispatchEvent(new CustomEvent<PersonBlockRequest>(PERSON_BLOCK_EVENT, { detail }));
}
