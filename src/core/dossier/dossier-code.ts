/** Local (UTC+7) calendar day of an instant as yymmdd, the middle part of a dossier code. */
export function codeDay(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3600_000);
  const yy = String(local.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(local.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

/** `{agency code}-{yymmdd}-{NNNN}`: the sequence is that agency's count that day (four digits, more if needed). */
export function formatDossierCode(agencyCode: string, day: string, sequence: number): string {
  return `${agencyCode}-${day}-${String(sequence).padStart(4, '0')}`;
}

export const DOSSIER_CODE_PATTERN = /^[0-9A-Z.]{5,30}-\d{6}-\d{4,}$/;
