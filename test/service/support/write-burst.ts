import type { z } from 'zod';
import { AccessTokenListSchema } from '../../../lib/domain/access-token';
import { AppListSchema } from '../../../lib/domain/app';
import { SiteListSchema } from '../../../lib/domain/site';
import { apiSession } from '../../e2e/support/service-api';
import { OWNER, type ServiceProcess } from '../../e2e/support/service-process';
import { dataSnapshots } from './db-snapshot';
import type { ProcessApi } from './process';

/**
 * QUALITY.md, reliability: a write acknowledged with 2xx survives `kill -9`. Several clients, each
 * signed in with a session of its own, send a burst of writes at once — new sites, new apps, new
 * tokens on existing apps, each with a name of its own — and the service process is killed with
 * SIGKILL while they are at it, once `killAfter` writes have been acknowledged. A new process on the
 * same file must then find the file intact (`PRAGMA integrity_check`) and every acknowledged write.
 * A write whose answer was lost in the kill may or may not be there: both are right, and counted.
 */

export interface BurstFigure {
  clients: number;
  planned: number;
  /** Writes sent before the process died (the rest were never sent). */
  sent: number;
  /** Answered 2xx: each of these must be found after the restart. */
  acknowledged: number;
  /** Answered, but not 2xx (none expected: every planned write is valid). */
  refused: number;
  /** Sent, but the connection died before an answer. */
  unanswered: number;
  /** How many were acknowledged when SIGKILL was sent. */
  acknowledgedAtKill: number;
  integrity: string;
  acknowledgedFound: number;
  acknowledgedMissing: number;
  /** Unanswered writes that had committed all the same (the answer was lost, not the write). */
  unansweredFound: number;
  seconds: number;
}

type Write =
  | { kind: 'site'; host: string }
  | { kind: 'app'; key: string }
  | { kind: 'token'; appKey: string; note: string };

const TOKEN_APPS = 25;
const tokenAppKey = (index: number) => `com.burst.tokens${String(index).padStart(2, '0')}`;

function plannedWrites(count: number, run: string): Write[] {
  return Array.from({ length: count }, (_, index): Write => {
    switch (index % 3) {
      case 0:
        return { kind: 'site', host: `burst-${run}-${index}.atlassian.net` };
      case 1:
        return { kind: 'app', key: `com.burst.${run}.a${index}` };
      default:
        return { kind: 'token', appKey: tokenAppKey(index % TOKEN_APPS), note: `burst ${run} ${index}` };
    }
  });
}

function request(write: Write): { method: string; path: string; body: unknown } {
  switch (write.kind) {
    case 'site':
      return { method: 'POST', path: '/sites', body: { host: write.host } };
    case 'app':
      return {
        method: 'POST',
        path: '/apps',
        body: {
          key: write.key,
          name: `Burst ${write.key}`,
          paymentModel: 'paid',
          visibility: 'private',
          descriptorUrl: `https://apps.burst.example/${write.key}.json`,
        },
      };
    case 'token':
      return { method: 'POST', path: `/apps/${write.appKey}/tokens`, body: { note: write.note } };
  }
}

/**
 * Runs the burst against `first` (a process with the demo data, its rate limit lifted), kills it,
 * and answers what `restart` — a new process on the same file — finds.
 */
export async function writeBurstThenKill(options: {
  first: ServiceProcess;
  restart: (dbPath: string) => Promise<ServiceProcess>;
  writes: number;
  clients: number;
  killAfter: number;
}): Promise<BurstFigure> {
  const { first } = options;
  const setup = await apiSession(first.url, OWNER);
  for (let index = 0; index < TOKEN_APPS; index++) {
    const key = tokenAppKey(index);
    const created = await setup.call('POST', '/apps', {
      key,
      name: `Burst tokens ${index}`,
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: `https://apps.burst.example/${key}.json`,
    });
    if (created.status !== 201) throw new Error(`burst set-up: creating ${key} answered ${created.status}`);
  }
  // One session per client, signed in one after another (each sign-in is a slow hash).
  const sessions: ProcessApi[] = [];
  for (let client = 0; client < options.clients; client++) sessions.push(await apiSession(first.url, OWNER));

  const run = Math.random().toString(36).slice(2, 8);
  const writes = plannedWrites(options.writes, run);
  const outcome: ('acknowledged' | 'refused' | 'unanswered' | 'unsent')[] = writes.map(() => 'unsent');
  let next = 0;
  let acknowledged = 0;
  let acknowledgedAtKill = 0;
  let killed: Promise<number | null> | undefined;
  const started = performance.now();

  const client = async (session: ProcessApi) => {
    while (next < writes.length) {
      const index = next;
      next += 1;
      const write = writes[index];
      if (!write) break;
      const { method, path, body } = request(write);
      try {
        const answer = await session.call(method, path, body);
        await answer.arrayBuffer();
        outcome[index] = answer.status >= 200 && answer.status < 300 ? 'acknowledged' : 'refused';
        if (outcome[index] === 'acknowledged') acknowledged += 1;
      } catch {
        // The process is gone: this write's answer is lost, and this client stops.
        outcome[index] = 'unanswered';
        return;
      }
      if (!killed && acknowledged >= options.killAfter) {
        acknowledgedAtKill = acknowledged;
        killed = first.kill();
      }
    }
  };
  await Promise.all(sessions.map(client));
  acknowledgedAtKill ||= acknowledged;
  await (killed ?? first.kill());

  const second = await options.restart(first.dbPath);
  const snapshots = dataSnapshots(first.dbPath);
  const integrity = snapshots.integrity();
  snapshots.close();
  const reader = await apiSession(second.url, OWNER);
  const read = async <S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> => {
    const answer = await reader.call('GET', path);
    if (answer.status !== 200) throw new Error(`after the restart, GET ${path} answered ${answer.status}`);
    return schema.parse(await answer.json());
  };
  const hosts = new Set((await read('/sites', SiteListSchema)).items.map((site) => site.host));
  const keys = new Set((await read('/apps', AppListSchema)).items.map((app) => app.key as string));
  const notes = new Set<string>();
  for (let index = 0; index < TOKEN_APPS; index++) {
    const list = await read(`/apps/${tokenAppKey(index)}/tokens`, AccessTokenListSchema);
    for (const token of list.items) notes.add(token.note);
  }
  const found = (write: Write) =>
    write.kind === 'site' ? hosts.has(write.host) : write.kind === 'app' ? keys.has(write.key) : notes.has(write.note);

  const count = (what: (typeof outcome)[number]) => outcome.filter((value) => value === what).length;
  const where = (what: (typeof outcome)[number]) => writes.filter((_, index) => outcome[index] === what);
  return {
    clients: options.clients,
    planned: writes.length,
    sent: writes.length - count('unsent'),
    acknowledged: count('acknowledged'),
    refused: count('refused'),
    unanswered: count('unanswered'),
    acknowledgedAtKill,
    integrity,
    acknowledgedFound: where('acknowledged').filter(found).length,
    acknowledgedMissing: where('acknowledged').filter((write) => !found(write)).length,
    unansweredFound: where('unanswered').filter(found).length,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The figure's own verdict: what must hold, in words, empty when all does. */
export function burstViolations(figure: BurstFigure): string[] {
  const violations: string[] = [];
  if (figure.integrity !== 'ok') violations.push(`integrity_check: ${figure.integrity}`);
  if (figure.acknowledgedMissing > 0) violations.push(`${figure.acknowledgedMissing} acknowledged writes are missing`);
  if (figure.refused > 0) violations.push(`${figure.refused} valid writes were refused`);
  if (figure.sent === figure.planned && figure.unanswered === 0) violations.push('the kill did not land mid-burst');
  return violations;
}
