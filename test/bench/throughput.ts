import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { apiSession } from '../e2e/support/service-api';
import { OWNER } from '../e2e/support/service-process';
import { API_SITE } from './seed';

export interface CannonRun {
  server: 'service' | 'bare';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface ThroughputFigure {
  path: string;
  bodyBytes: number;
  connections: number;
  seconds: number;
  runs: CannonRun[];
}

/** Headers that belong to one connection or one moment, not to the answer. */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function startBareServer(bodyFile: string, headers: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/bench/bare-server.ts', bodyFile, JSON.stringify(headers)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}: ${log}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

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

/**
 * Figure 5: the service's site-apps answer under autocannon, beside a bare node:http server that
 * sends the same bytes from memory; two rounds each, alternating, after a short warm-up of both.
 */
export async function measureThroughput(
  serviceUrl: string,
  options: { connections: number; seconds: number; rounds: number },
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
  const bare = await startBareServer(bodyFile, headers);
  try {
    const echoed = Buffer.from(await (await fetch(`${bare.url}${path}`)).arrayBuffer());
    if (!echoed.equals(body)) throw new Error('the bare server does not answer the same bytes as the service');
    const { connections, seconds } = options;
    const service = () => cannon('service', `${serviceUrl}${path}`, auth, connections, seconds);
    const yardstick = () => cannon('bare', `${bare.url}${path}`, auth, connections, seconds);
    await autocannon({ url: `${serviceUrl}${path}`, connections, duration: 2, headers: auth });
    await autocannon({ url: `${bare.url}${path}`, connections, duration: 2, headers: auth });
    const runs: CannonRun[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? [service, yardstick] : [yardstick, service];
      for (const run of order) runs.push(await run());
    }
    return { path, bodyBytes: body.length, connections, seconds, runs };
  } finally {
    await bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
