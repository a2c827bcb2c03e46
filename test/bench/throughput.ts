import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { apiSession } from '../e2e/support/service-api';
import { OWNER } from '../e2e/support/service-process';
import { API_SITE, GROWTH_SIZES, growthSiteOf, seedGrowthSites } from './seed';
import { median } from './stats';

export interface CannonRun {
  /** `hono`: one Hono route on @hono/node-server answering the same bytes (the floor; bare-server.ts). */
  server: 'service' | 'bare' | 'hono';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** One line of a CPU profile: a function's own time (not its callees'). */
export interface ProfileEntry {
  functionName: string;
  /** Where it is defined: a path in the project or in node_modules, `node:…`, or empty for V8 and native code. */
  file: string;
  line: number;
  /** Share of the busy samples (idle left out) in the measured window. */
  selfPercent: number;
}

export interface ProfileFigure {
  /** Requests per second of the profiled run (slower than the unprofiled ones: sampling costs). */
  requestsPerSecond: number;
  seconds: number;
  busySamples: number;
  /** Share of all samples in the window in which the service's thread was idle. */
  idlePercent: number;
  top: ProfileEntry[];
  /** The same self time, summed by where the code comes from. */
  areas: { area: string; selfPercent: number }[];
}

export interface GrowthRow {
  apps: number;
  bodyBytes: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

export interface ThroughputFigure {
  path: string;
  bodyBytes: number;
  connections: number;
  seconds: number;
  runs: CannonRun[];
  profile?: ProfileFigure | { skipped: string };
  growth?: { seconds: number; rounds: number; rows: GrowthRow[] } | { skipped: string };
}

/** Headers that belong to one connection or one moment, not to the answer. */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
const NO_BUDGET = ['--rate-limit', '1000000000'];
const PROJECT = process.cwd();

/** A child process that prints `listening on http://127.0.0.1:<port>` once it serves. */
async function startListening(what: string, args: string[]) {
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}: ${log}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const startBareServer = (bodyFile: string, headers: Record<string, string>, mode: 'bare' | 'hono') =>
  startListening(`${mode} server`, [
    '--import',
    'tsx',
    'test/bench/bare-server.ts',
    bodyFile,
    JSON.stringify(headers),
    mode,
  ]);

async function cannon(
  server: CannonRun['server'],
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<CannonRun> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  const run: CannonRun = {
    server,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
  console.log(`  ${server}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms`);
  return run;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a profiled function's code comes from, for the summary by area. */
function areaOf(file: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (file === '') return 'native code and V8 (socket writes, SQLite, hashing, …)';
  if (file.startsWith('node:')) return 'Node.js (http, net, streams)';
  const modules = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules?.[1]) return modules[1];
  if (file.startsWith('lib/service/')) return 'lib/service';
  return 'other';
}

/** Self time per function over the samples taken between `from` and `to` (µs, the monotonic clock). */
export function summariseProfile(
  profile: CpuProfile,
  window: { from: number; to: number },
  count: number,
): Omit<ProfileFigure, 'requestsPerSecond' | 'seconds'> {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfByKey = new Map<string, { entry: Omit<ProfileEntry, 'selfPercent'>; samples: number }>();
  let at = profile.startTime;
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < window.from || at > window.to) return;
    const frame = frames.get(id);
    if (!frame) return;
    if (frame.functionName === '(idle)') {
      idle++;
      return;
    }
    busy++;
    const file = frame.url.startsWith('file://') ? relative(PROJECT, fileURLToPath(frame.url)) : frame.url;
    const key = `${frame.functionName}\n${file}\n${frame.lineNumber}`;
    const known = selfByKey.get(key);
    if (known) known.samples++;
    else
      selfByKey.set(key, {
        entry: { functionName: frame.functionName || '(anonymous)', file, line: frame.lineNumber + 1 },
        samples: 1,
      });
  });
  const percent = (samples: number) => (busy === 0 ? 0 : (samples / busy) * 100);
  const ranked = [...selfByKey.values()].sort((a, b) => b.samples - a.samples);
  const areas = new Map<string, number>();
  for (const { entry, samples } of ranked) {
    const area = areaOf(entry.file, entry.functionName);
    areas.set(area, (areas.get(area) ?? 0) + samples);
  }
  return {
    busySamples: busy,
    idlePercent: idle + busy === 0 ? 0 : (idle / (idle + busy)) * 100,
    top: ranked.slice(0, count).map(({ entry, samples }) => ({ ...entry, selfPercent: percent(samples) })),
    areas: [...areas].sort((a, b) => b[1] - a[1]).map(([area, samples]) => ({ area, selfPercent: percent(samples) })),
  };
}

/** The monotonic clock in µs: the one V8 stamps its profile samples with. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * The service's own CPU profile under the figure's load: a second service process on the same
 * database, started with `--cpu-prof`, loaded as the figure loads the first; only the samples
 * of the measured run count (not start-up, not the warm-up).
 */
async function profileService(
  dbPath: string,
  path: string,
  auth: Record<string, string>,
  options: { connections: number; seconds: number },
): Promise<ProfileFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-profile-'));
  try {
    const service = await startListening('profiled service', [
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      '--import',
      'tsx',
      'lib/service/main.ts',
      '--port',
      '0',
      '--db',
      dbPath,
      ...NO_BUDGET,
    ]);
    let window: { from: number; to: number };
    let run: CannonRun;
    try {
      await autocannon({ url: `${service.url}${path}`, connections: options.connections, duration: 2, headers: auth });
      const from = monotonicMicros();
      run = await cannon('service', `${service.url}${path}`, auth, options.connections, options.seconds);
      window = { from, to: monotonicMicros() };
    } finally {
      await service.stop();
    }
    // One profile per thread (tsx's module loader has one of its own): the main thread is the busy one.
    const summaries = readdirSync(dir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => summariseProfile(JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile, window, 12));
    const summary = summaries.sort((a, b) => b.busySamples - a.busySamples)[0];
    if (!summary || summary.busySamples === 0) throw new Error('no profile samples fell in the measured run');
    return { requestsPerSecond: run.requestsPerSecond, seconds: options.seconds, ...summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The site-apps answer at each size of GROWTH_SIZES, on the same service (sites added to its
 * database now): `rounds` runs of each, the order rotating so that the machine's noise falls on
 * every size alike; req/s is the mean of the runs, p50 the median, p99 the worst.
 */
async function measureGrowth(
  serviceUrl: string,
  dbPath: string,
  auth: Record<string, string>,
  options: { connections: number; seconds: number; rounds: number },
): Promise<GrowthRow[]> {
  seedGrowthSites(dbPath);
  const sizes = GROWTH_SIZES.map((apps) => ({ apps, url: `${serviceUrl}/api/v1/sites/${growthSiteOf(apps)}/apps` }));
  const bodyBytes = new Map<number, number>();
  for (const { apps, url } of sizes) {
    const answer = await fetch(url, { headers: auth });
    if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
    bodyBytes.set(apps, (await answer.arrayBuffer()).byteLength);
    await autocannon({ url, connections: options.connections, duration: 1, headers: auth });
  }
  const runs = new Map<number, CannonRun[]>();
  for (let round = 0; round < options.rounds; round++) {
    const first = round % sizes.length;
    for (const { apps, url } of [...sizes.slice(first), ...sizes.slice(0, first)]) {
      const run = await cannon('service', url, auth, options.connections, options.seconds);
      if (run.errors + run.non2xx > 0) throw new Error(`${apps} apps: ${run.errors} errors, ${run.non2xx} non-2xx`);
      runs.set(apps, [...(runs.get(apps) ?? []), run]);
    }
  }
  return sizes.map(({ apps }) => {
    const of = runs.get(apps) ?? [];
    return {
      apps,
      bodyBytes: bodyBytes.get(apps) ?? 0,
      requestsPerSecond: of.reduce((sum, run) => sum + run.requestsPerSecond, 0) / of.length,
      p50: median(of.map((run) => run.p50)),
      p99: Math.max(...of.map((run) => run.p99)),
    };
  });
}

/**
 * Figure 5: the service's site-apps answer under autocannon, beside a bare node:http server that
 * sends the same bytes from memory and a one-route Hono server that does the same (the floor);
 * `rounds` rounds of each, the order rotating, after a short warm-up of all three.
 * Given the service's database (`dbPath`), also the service's CPU profile under the same load
 * and the growth table, which adds sites to that database: run it after figures that read the
 * vendor's app list.
 */
export async function measureThroughput(
  serviceUrl: string,
  options: { connections: number; seconds: number; rounds: number; dbPath?: string },
): Promise<ThroughputFigure> {
  const session = await apiSession(serviceUrl, OWNER);
  const path = `/api/v1/sites/${API_SITE}/apps`;
  const auth = { authorization: `Bearer ${session.token}` };
  const answer = await fetch(`${serviceUrl}${path}`, { headers: auth });
  if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
  const body = Buffer.from(await answer.arrayBuffer());
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!HOP_HEADERS.has(name)) headers[name] = value;
  });

  const dir = mkdtempSync(join(tmpdir(), 'token-lens-bench-'));
  const bodyFile = join(dir, 'body.json');
  writeFileSync(bodyFile, body);
  const bare = await startBareServer(bodyFile, headers, 'bare');
  const hono = await startBareServer(bodyFile, headers, 'hono').catch(async (error: unknown) => {
    await bare.stop();
    throw error;
  });
  try {
    for (const yardstick of [bare, hono]) {
      const echoed = Buffer.from(await (await fetch(`${yardstick.url}${path}`)).arrayBuffer());
      if (!echoed.equals(body)) throw new Error(`${yardstick.url} does not answer the same bytes as the service`);
    }
    const { connections, seconds } = options;
    const targets: [CannonRun['server'], string][] = [
      ['service', serviceUrl],
      ['bare', bare.url],
      ['hono', hono.url],
    ];
    for (const [, url] of targets) await autocannon({ url: `${url}${path}`, connections, duration: 2, headers: auth });
    const runs: CannonRun[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const first = round % targets.length;
      for (const [server, url] of [...targets.slice(first), ...targets.slice(0, first)]) {
        runs.push(await cannon(server, `${url}${path}`, auth, connections, seconds));
      }
    }
    const figure: ThroughputFigure = { path, bodyBytes: body.length, connections, seconds, runs };
    if (options.dbPath) {
      const skipped = (error: unknown) => ({ skipped: error instanceof Error ? error.message : String(error) });
      console.log('  profile of the service under the same load…');
      figure.profile = await profileService(options.dbPath, path, auth, { connections, seconds }).catch(skipped);
      console.log(`  growth: ${GROWTH_SIZES.join(', ')} apps on a site…`);
      const growth = { connections, seconds: 3, rounds: 2 };
      figure.growth = await measureGrowth(serviceUrl, options.dbPath, auth, growth)
        .then((rows) => ({ seconds: growth.seconds, rounds: growth.rounds, rows }))
        .catch(skipped);
    }
    return figure;
  } finally {
    await bare.stop();
    await hono.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
