import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BenchFigure, tableRow } from './bench-figures';
import { carbonBenchmark } from './carbon.bench';
import { seedCatalogDataset } from './catalog-dataset';
import { benchDatabase, exportBenchmarks } from './export.bench';
import { nearSearchBenchmark, startProductionApi } from './http.bench';
import { startupBenchmark } from './startup.bench';

/**
 * `npm run bench`: every scenario, each next to its floor, median of several runs; prints the Markdown table and
 * writes bench/results/latest.json. The PostgreSQL load scenarios join here as they are written (see RESULTS.md).
 */
async function main(): Promise<void> {
  const figures: BenchFigure[] = [];
  figures.push(carbonBenchmark());
  figures.push(await startupBenchmark());
  figures.push(...(await exportBenchmarks()));
  const databaseUrl = await benchDatabase();
  await seedCatalogDataset(databaseUrl);
  const api = await startProductionApi(databaseUrl, 3900);
  try {
    figures.push(...(await nearSearchBenchmark('http://127.0.0.1:3900')));
  } finally {
    api.kill();
  }
  const table = ['| Scenario | Figure | Floor | Ratio | Target | |', '|---|---|---|---|---|---|', ...figures.map(tableRow)].join('\n');
  process.stdout.write(`${table}\n`);
  mkdirSync(resolve(__dirname, 'results'), { recursive: true });
  writeFileSync(resolve(__dirname, 'results/latest.json'), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
