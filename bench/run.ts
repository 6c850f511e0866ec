/**
 * Runs every benchmark suite in bench/ and writes bench/results.json.
 * Each suite is a module `bench/<name>.bench.ts` exporting `run(): Promise<BenchResults>`;
 * a suite compares against a baseline measured in the same run, because the machines are shared and noisy.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResults } from './bench-types.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const suites = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const results: BenchResults = {};
for (const file of suites) {
  const started = performance.now();
  console.log(`▶ ${file}`);
  const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as {
    run: () => Promise<BenchResults>;
  };
  try {
    Object.assign(results, await mod.run());
  } catch (err) {
    console.error(`✖ ${file} failed:`, err);
    process.exitCode = 1;
  }
  console.log(`  ${file} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

console.log('\n| measure | value | unit | baseline |\n|---|---|---|---|');
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${r.value} | ${r.unit} | ${r.baseline ?? ''} |`);
}
// Running some suites by name keeps the other suites' last figures.
const file = join(benchDir, 'results.json');
const previous: BenchResults =
  only.length > 0 && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : {};
writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
