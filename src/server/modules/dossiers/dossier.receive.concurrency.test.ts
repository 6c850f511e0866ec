import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from '../../test/samples.ts';
import { type ApiClient, DB_KINDS, setupTestCase, type TestCase } from '../../test/setup-test-case.ts';

describe.each(DB_KINDS)('dossier codes under concurrency (%s)', (kind) => {
  let t: TestCase;
  let officers: ApiClient[];
  beforeAll(async () => {
    t = await setupTestCase(kind);
    officers = [await t.as('tiepnhan'), await t.as('quantri')];
  });
  afterAll(() => t.close());

  it('gives 200 dossiers received at once unique codes numbered 1..200 without gaps', async () => {
    const values = sampleValues('ho-tich', 'khai-sinh');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        officers[i % 2]!.post('/api/dossiers', { procedureCode: '1.001193', values, unitId: 2 }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(200);
    const prefixes = new Set(codes.map((c) => c.slice(0, c.lastIndexOf('-'))));
    expect(prefixes.size).toBe(1);
    const numbers = codes.map((c) => Number(c.slice(c.lastIndexOf('-') + 1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const logbook = results.map((r) => r.body.logbook.number as number).sort((a, b) => a - b);
    expect(logbook).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});
