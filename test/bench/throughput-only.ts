import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess } from '../e2e/support/service-process';
import { throughputSection } from './report';
import { seedBenchData } from './seed';
import { measureThroughput } from './throughput';

/**
 * The service-throughput figure alone, without the browser parts of `npm run bench`: seeds a
 * temporary database as run.ts does, starts the service, measures as run.ts does (profile and
 * growth table included unless `--quick`), prints the report's section. For iterating on the service's speed:
 * `npx tsx test/bench/throughput-only.ts [--quick] [seconds] [rounds]`.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const [seconds = 5, rounds = 2] = args.filter((arg) => arg !== '--quick').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-throughput-'));
  const dbPath = join(dir, 'service.sqlite');
  seedBenchData(dbPath);
  const service = await startServiceProcess({ dbPath, seedDemo: false, extraArgs: ['--rate-limit', '1000000000'] });
  try {
    console.log(`service on ${service.url}`);
    const figure = await measureThroughput(service.url, {
      connections: 64,
      seconds,
      rounds,
      ...(quick ? {} : { dbPath }),
    });
    const mean = (server: string) => {
      const runs = figure.runs.filter((run) => run.server === server);
      return runs.reduce((sum, run) => sum + run.requestsPerSecond, 0) / runs.length;
    };
    const worstP99 = Math.max(...figure.runs.filter((run) => run.server === 'service').map((run) => run.p99));
    console.log(
      `service ${mean('service').toFixed(0)} req/s, bare ${mean('bare').toFixed(0)}, hono ${mean('hono').toFixed(0)}: ` +
        `service/bare ${((mean('service') / mean('bare')) * 100).toFixed(1)} %, ` +
        `hono/bare ${((mean('hono') / mean('bare')) * 100).toFixed(1)} %, service p99 ${worstP99} ms`,
    );
    // The section as docs/benchmarks.md would show it.
    console.log(`\n${throughputSection({ throughput: figure }).join('\n')}`);
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('throughput run failed:', error);
  process.exit(1);
});
