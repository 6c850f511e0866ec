/** A person block found inside a dossier's values: its path and the fields the officer may reuse. */
export interface FoundPerson {
  path: string;
  values: Record<string, unknown>;
}

const REUSABLE_KEYS = [
  'fullName',
  'birthDate',
  'gender',
  'ethnicity',
  'nationality',
  'residence',
  'identity',
  'idNumber',
  'phone',
  'email',
  'hometown',
] as const;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function holdsId(block: Record<string, unknown>, idNumber: string): boolean {
  if (block.idNumber === idNumber) return true;
  const identity = block.identity;
  return isRecord(identity) && identity.number === idNumber;
}

/** Walks a values tree and returns every block whose ID number (or identity document number) matches. */
export function findPersonBlocks(values: unknown, idNumber: string, path = ''): FoundPerson[] {
  if (Array.isArray(values)) {
    return values.flatMap((v, i) => findPersonBlocks(v, idNumber, `${path}[${i}]`));
  }
  if (!isRecord(values)) return [];
  const found: FoundPerson[] = [];
  if (holdsId(values, idNumber)) {
    const picked: Record<string, unknown> = {};
    for (const k of REUSABLE_KEYS) if (values[k] !== undefined) picked[k] = values[k];
    found.push({ path, values: picked });
  }
  for (const [k, v] of Object.entries(values)) {
    if (isRecord(v) || Array.isArray(v))
      found.push(...findPersonBlocks(v, idNumber, path ? `${path}.${k}` : k));
  }
  return found;
}
