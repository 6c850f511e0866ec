import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `<dataDir>/files/ab/cd/<sha256>`: two levels of fan-out keep folders small. */
export function filePath(dataDir: string, sha256: string): string {
  return join(dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/**
 * Stores bytes under their SHA-256 and returns it. The same bytes twice are stored once; a write goes to a
 * temporary name first and is renamed into place, so a crash never leaves a half-written file under a hash.
 */
export async function storeFile(dataDir: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = filePath(dataDir, sha256);
  if (existsSync(target)) return sha256;
  await mkdir(join(target, '..'), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, bytes, { flag: 'wx' });
  await rename(tmp, target);
  return sha256;
}

export function openStoredFile(dataDir: string, sha256: string): ReadStream | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const path = filePath(dataDir, sha256);
  return existsSync(path) ? createReadStream(path) : null;
}
