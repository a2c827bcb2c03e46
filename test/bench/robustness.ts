import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiSession } from '../e2e/support/service-api';
import { OWNER, removeTempDb, type ServiceProcess, startServiceProcess } from '../e2e/support/service-process';
import { type FuzzFigure, runFuzz } from '../service/support/fuzz-harness';
import { type RaceFigure, raceTokenBinding, raceTokenLimit } from '../service/support/races';
import { type BurstFigure, writeBurstThenKill } from '../service/support/write-burst';
import { type LoadFigure, measureLoadHeld } from './robustness-load';

/**
 * Robustness, measured: each part on service processes of its own (`lib/service/main.ts`), each on
 * a temp SQLite file of its own, started and removed here.
 *  1. Fuzzing (fast-check) over every route, as a real user and not: no 5xx, refusals in their
 *     path's form, no data changed by a refusal (test/service/support/fuzz-harness.ts).
 *  2. `kill -9` in the middle of a burst of writes from several clients; restart on the same file.
 *  3. Rules 1 and 3 raced across two processes on one file, round after round.
 *  4. Load held: reference pages polling their live state beside API clients under autocannon.
 */

export interface RobustnessOptions {
  fuzz: { cases: number; seed: number };
  burst: { writes: number; clients: number; killAfter: number };
  races: { rounds: number; creates: number; sites: number };
  load: { pages: number; people: number; connections: number; seconds: number };
}

export const ROBUSTNESS_DEFAULTS: RobustnessOptions = {
  fuzz: { cases: 10_000, seed: 20_261_122 },
  burst: { writes: 1000, clients: 8, killAfter: 400 },
  races: { rounds: 20, creates: 200, sites: 20 },
  load: { pages: 50, people: 5, connections: 64, seconds: 10 },
};

export interface RobustnessFigure {
  options: RobustnessOptions;
  fuzz: FuzzFigure;
  burst: BurstFigure;
  races: RaceFigure[];
  load: LoadFigure;
  seconds: number;
}

/** Requests per minute per token: lifted, so that the figures measure the service, not its budget. */
const UNLIMITED = ['--rate-limit', '1000000000'];

/** Service processes on one temp file, all stopped (or killed) and the file removed at the end. */
async function onTempFile<T>(work: (start: (seedDemo: boolean) => Promise<ServiceProcess>) => Promise<T>): Promise<T> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'token-lens-robustness-')), 'service.sqlite');
  const started: ServiceProcess[] = [];
  try {
    return await work(async (seedDemo) => {
      const service = await startServiceProcess({ dbPath, seedDemo, extraArgs: UNLIMITED });
      started.push(service);
      return service;
    });
  } finally {
    for (const service of started) await service.stop();
    removeTempDb(dbPath);
  }
}

const faultLines = (service: ServiceProcess) => () =>
  service
    .output()
    .split('\n')
    .filter((line) => line.includes('unexpected fault'));

export async function measureRobustness(
  overrides: Partial<RobustnessOptions> = {},
  log: (line: string) => void = console.log,
): Promise<RobustnessFigure> {
  const options: RobustnessOptions = { ...ROBUSTNESS_DEFAULTS, ...overrides };
  const started = performance.now();

  log(`  fuzzing: ${options.fuzz.cases.toLocaleString('en')} requests…`);
  const fuzz = await onTempFile(async (start) => {
    const service = await start(true);
    return runFuzz(
      { url: service.url, dbPath: service.dbPath, owner: OWNER, faults: faultLines(service) },
      {
        ...options.fuzz,
        onProgress: (done) => {
          if (done % 2500 === 0) log(`    ${done.toLocaleString('en')}`);
        },
      },
    );
  });
  log(`    ${fuzz.failures} failures, ${fuzz.fiveXx} 5xx, ${fuzz.seconds.toFixed(1)} s`);

  log(`  kill -9 during ${options.burst.writes} writes from ${options.burst.clients} clients…`);
  const burst = await onTempFile(async (start) =>
    writeBurstThenKill({ ...options.burst, first: await start(true), restart: () => start(false) }),
  );
  log(`    ${burst.acknowledged} acknowledged, ${burst.acknowledgedMissing} missing, integrity ${burst.integrity}`);

  log(`  races across two processes, ${options.races.rounds} rounds each…`);
  const races = await onTempFile(async (start) => {
    const first = await start(true);
    const second = await start(false);
    const apis = [await apiSession(first.url, OWNER), await apiSession(second.url, OWNER)];
    return [
      await raceTokenLimit(apis, { rounds: options.races.rounds, creates: options.races.creates }),
      await raceTokenBinding(apis, {
        rounds: options.races.rounds,
        sites: options.races.sites,
        appKey: 'com.acme.reports',
      }),
    ];
  });
  for (const race of races) log(`    rule ${race.rule}: ${race.violations.length} violations`);

  log(`  load held: ${options.load.pages} pages polling, ${options.load.connections} API connections…`);
  const load = await onTempFile(async (start) => {
    const service = await start(true);
    return measureLoadHeld(service.url, {
      ...options.load,
      host: 'acme-dev.atlassian.net',
      appKey: 'com.acme.timesheets',
    });
  });
  log(`    poll p99 ${load.polls.p99.toFixed(1)} ms, API p99 ${load.api.p99} ms`);

  return { options, fuzz, burst, races, load, seconds: (performance.now() - started) / 1000 };
}
