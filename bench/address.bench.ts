/**
 * Address autocomplete latency over the full catalogue (3,321 communes): p99 of
 * `GET /api/addresses/search` on a running server (SQLite, loopback HTTP, bearer token), with the
 * same queries answered directly by the in-process index as the baseline. Goal: < 20 ms.
 */
import { foldVietnamese } from '../src/core/text/fold.ts';
import { loadPackagedCatalogue } from '../src/server/modules/addresses/address-catalogue.ts';
import { AddressIndex } from '../src/server/modules/addresses/address-index.ts';
import { setupTestCase } from '../src/server/test/setup-test-case.ts';
import { type BenchResults, percentile, round } from './bench-types.ts';

/** A small deterministic generator, so every run asks the same queries. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** What officers type: a name without its type word, folded or not, whole or cut short, sometimes with the province. */
function realisticQueries(count: number): string[] {
  const catalogue = loadPackagedCatalogue();
  const provinceName = new Map(catalogue.provinces.map((p) => [p.code, p.shortName]));
  const rnd = lcg(20250701);
  const out: string[] = [];
  while (out.length < count) {
    const c = catalogue.communes[Math.floor(rnd() * catalogue.communes.length)]!;
    const name = c.name.replace(/^(Phường|Xã|Đặc khu)\s+/u, '');
    const r = rnd();
    let q: string;
    if (r < 0.3) q = foldVietnamese(name);
    else if (r < 0.5) q = name;
    else if (r < 0.7) q = foldVietnamese(name).slice(0, Math.max(2, Math.ceil(name.length * 0.6)));
    else if (r < 0.85)
      q = `${foldVietnamese(name)} ${foldVietnamese(provinceName.get(c.provinceCode) ?? '')}`;
    else q = foldVietnamese(name).split(' ')[0] ?? name;
    out.push(q);
  }
  return out;
}

export async function run(): Promise<BenchResults> {
  const queries = realisticQueries(400);
  const index = AddressIndex.fromCatalogue(loadPackagedCatalogue());
  for (const q of queries.slice(0, 50)) index.search(q);
  const direct: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    index.search(q, 20);
    direct.push(performance.now() - t);
  }

  const t = await setupTestCase('sqlite');
  try {
    const officer = await t.as('tiepnhan');
    // The first request builds the server's index; warm it like a server that has been up a while.
    for (const q of queries.slice(0, 50))
      await officer.get(`/api/addresses/search?q=${encodeURIComponent(q)}`);
    const http: number[] = [];
    let empty = 0;
    for (const q of queries) {
      const started = performance.now();
      const res = await officer.get<unknown[]>(`/api/addresses/search?q=${encodeURIComponent(q)}`);
      http.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`search "${q}" answered ${res.status}`);
      if (res.body.length === 0) empty++;
    }
    if (empty > queries.length * 0.02) throw new Error(`${empty} of ${queries.length} queries found nothing`);
    http.sort((a, b) => a - b);
    direct.sort((a, b) => a - b);
    console.log(
      `  address search: HTTP p50 ${round(percentile(http, 50))} ms, p99 ${round(percentile(http, 99))} ms; ` +
        `index p50 ${round(percentile(direct, 50), 3)} ms, p99 ${round(percentile(direct, 99), 3)} ms; ${queries.length} queries`,
    );
    return {
      'address.search_p99_ms': {
        value: round(percentile(http, 99)),
        unit: 'ms',
        baseline: round(percentile(direct, 99), 3),
      },
    };
  } finally {
    await t.close();
  }
}
