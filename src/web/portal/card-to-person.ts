import type { CccdCard } from '../../core/cccd/parse-cccd-qr.ts';

function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The values a scanned ID card gives a person block of the civil-status forms (requester, mother, …). */
export function cardToPerson(card: CccdCard): Record<string, unknown> {
  return {
    fullName: card.fullName,
    birthDate: viDate(card.birthDate),
    gender: card.gender === 'male' ? 'Nam' : 'Nữ',
    identity: {
      kind: card.document.kind === 'the_can_cuoc' ? 'theCanCuoc' : 'cccd',
      number: card.idNumber,
      issuedOn: viDate(card.issueDate),
      issuer: card.document.issuer,
    },
    residence: card.address,
  };
}
