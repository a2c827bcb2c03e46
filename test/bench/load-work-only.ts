import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess } from '../e2e/support/service-process';
import { measureLoadWork } from './load-work';
import { loadWorkSection } from './report-load-work';
import { seedBenchData } from './seed';

/**
 * The page-load section's work figure alone (report-load-work.ts), printed as the report would
 * have it: `npx tsx test/bench/load-work-only.ts [--rounds 20] [--without-ms 30]` (`npm run build`
 * first). The share of the load is taken against `--without-ms`, as the clock's figure is not run.
 */
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-load-work-'));
  const dbPath = join(dir, 'service.sqlite');
  seedBenchData(dbPath);
  const service = await startServiceProcess({ dbPath, seedDemo: false, extraArgs: ['--rate-limit', '1000000000'] });
  try {
    const figure = await measureLoadWork(service.url, 100, option('--rounds', 20));
    console.log(`\n${loadWorkSection(figure, option('--without-ms', 30), 5).join('\n')}`);
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('load work failed:', error);
  process.exit(1);
});
