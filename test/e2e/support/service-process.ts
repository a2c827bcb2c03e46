import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OWNER = { email: 'owner@e2e.example', password: 'e2e-owner-password' };

export interface ServiceProcess {
  url: string;
  port: number;
  dbPath: string;
  output(): string;
  /** SIGTERM and wait for the process to end. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait: no chance to close anything. */
  kill(): Promise<number | null>;
}

/** Starts the real service (`lib/service/main.ts`) as its own process on a free or given port. */
export async function startServiceProcess(
  options: { dbPath?: string; port?: number; seedDemo?: boolean; extraArgs?: string[] } = {},
): Promise<ServiceProcess> {
  const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'token-lens-e2e-')), 'service.sqlite');
  const args = ['--import', 'tsx', 'lib/service/main.ts', '--port', String(options.port ?? 0), '--db', dbPath];
  if (options.seedDemo ?? true) args.push('--seed-demo');
  args.push(...(options.extraArgs ?? []));
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, TOKEN_LENS_OWNER_EMAIL: OWNER.email, TOKEN_LENS_OWNER_PASSWORD: OWNER.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in 30 s:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening:\n${log}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    url,
    port: Number(new URL(url).port),
    dbPath,
    output: () => log,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

export function removeTempDb(dbPath: string): void {
  rmSync(join(dbPath, '..'), { recursive: true, force: true });
}
