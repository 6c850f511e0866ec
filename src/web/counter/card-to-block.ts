import type { AddressValue } from '../../core/api/addresses.ts';
import type { CccdParsed } from '../../core/api/cccd.ts';
import { IDENTITY_DOCUMENT_KINDS } from '../../core/forms/field-types.ts';
import { isoToEntryDate } from '../../core/live/entry-values.ts';

/**
 * What a scanned ID card fills in a person block, keyed by the block's sub-keys, as the officer would
 * have typed it: name, date of birth, gender, the identity document (kind and issuer follow from the
 * issue date, see docs/CCCD.md) and the residence (the converted current address when there is one).
 * Keys a template's block lacks are ignored by the counter.
 */
export function cardToBlock(card: CccdParsed, residence: AddressValue): Record<string, unknown> {
  const block: Record<string, unknown> = {
    fullName: card.fullName,
    birthDate: isoToEntryDate(card.birthDate),
    gender: card.gender === 'male' ? 'Nam' : 'Nữ',
    identity: {
      kind: card.document.kind === 'the_can_cuoc' ? 'theCanCuoc' : 'cccd',
      number: card.idNumber,
      issuedOn: isoToEntryDate(card.issueDate),
      issuer: card.document.issuer,
    },
  };
  if (residence.text || residence.commune) block.residence = residence;
  return block;
}

/** A value of an earlier dossier, in one line, for the officer to judge before taking it. */
export function describeValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return String(isoToEntryDate(v));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(describeValue).join(', ');
  const o = v as Record<string, unknown>;
  if (typeof o.number === 'string') {
    const kind =
      typeof o.kind === 'string' && Object.hasOwn(IDENTITY_DOCUMENT_KINDS, o.kind)
        ? IDENTITY_DOCUMENT_KINDS[o.kind as keyof typeof IDENTITY_DOCUMENT_KINDS]
        : '';
    const parts = [`${kind} số ${o.number}`.trim()];
    if (typeof o.issuedOn === 'string') parts.push(`cấp ngày ${isoToEntryDate(o.issuedOn)}`);
    if (typeof o.issuer === 'string') parts.push(o.issuer);
    return parts.join(', ');
  }
  if (typeof o.text === 'string' && o.text) return o.text;
  const area = (x: unknown) =>
    typeof x === 'object' && x !== null ? String((x as { name?: unknown }).name ?? '') : '';
  return [o.detail, area(o.commune), area(o.province)].filter((x) => typeof x === 'string' && x).join(', ');
}
