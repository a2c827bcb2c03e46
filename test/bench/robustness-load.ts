import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { apiSession } from '../e2e/support/service-api';
import { OWNER } from '../e2e/support/service-process';
import { percentile } from './stats';

/**
 * Load held: many reference Manage apps pages open at once, each doing what its script
 * (lib/service/pages/assets/upm.js) does while visible — poll the page's live state
 * (`data-state-url`, every `data-poll-ms`) and, when the ETag moved, fetch the page again with
 * `X-Live-Refresh` — while API clients (autocannon, in a process of its own so that its load
 * does not slow this one's clocks) read the site's apps as fast as they can, and one writer
 * switches a license state once a second so that the pages have changes to follow. Reported:
 * latencies and errors of each, and how long each page took to show each change.
 */

export interface LoadFigure {
  host: string;
  pages: number;
  people: number;
  seconds: number;
  pollMs: number;
  polls: { count: number; errors: number; p50: number; p99: number; max: number };
  refreshes: { count: number; errors: number; p50: number; p99: number; max: number };
  /** Write acknowledged → a page's poll shows it (or a later change), per page and write. */
  staleness: { samples: number; p50: number; p99: number; max: number; unseen: number };
  writes: { count: number; errors: number };
  api: {
    connections: number;
    path: string;
    requests: number;
    requestsPerSecond: number;
    p50: number;
    p99: number;
    errors: number;
    non2xx: number;
  };
}

const PageStateSchema = z.object({ etag: z.string(), privateListingsEnabled: z.boolean() });

interface Timed {
  at: number;
  ms: number;
  ok: boolean;
}

const summary = (samples: Timed[]) => {
  const times = samples.map((sample) => sample.ms);
  return {
    count: samples.length,
    errors: samples.filter((sample) => !sample.ok).length,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times.length === 0 ? Number.NaN : Math.max(...times),
  };
};

/** A person signed in on the pages' own form: the session cookie, as a `Cookie` header. */
async function pageCookie(url: string): Promise<string> {
  const answer = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
    body: new URLSearchParams({ ...OWNER, next: '/' }).toString(),
  });
  const cookie = answer.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('tl_session='));
  if (answer.status !== 303 || !cookie) throw new Error(`signing in on the page answered ${answer.status}`);
  return cookie;
}

/** What the page's markup tells its script: where to poll, how often, and the ETag it was made with. */
async function openPage(url: string, host: string, cookie: string) {
  const answer = await fetch(`${url}/sites/${host}/plugins/servlet/upm`, { headers: { Cookie: cookie } });
  const html = await answer.text();
  const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];
  const stateUrl = attribute('data-state-url');
  const etag = attribute('data-etag');
  if (answer.status !== 200 || !stateUrl || etag === undefined) throw new Error(`the page answered ${answer.status}`);
  return {
    path: new URL(`${url}/sites/${host}/plugins/servlet/upm`).pathname,
    stateUrl,
    etag,
    pollMs: Number(attribute('data-poll-ms')) || 1000,
  };
}

const CannonResultSchema = z.looseObject({
  requests: z.looseObject({ average: z.number(), total: z.number() }),
  latency: z.looseObject({ p50: z.number(), p99: z.number() }),
  errors: z.number(),
  non2xx: z.number(),
});

/** autocannon's command line in a process of its own; its JSON result. */
function cannonProcess(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const args = [cli, '--json', '-c', String(connections), '-d', String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise<z.infer<typeof CannonResultSchema>>((resolve, reject) => {
    child.once('exit', (code) => {
      try {
        resolve(CannonResultSchema.parse(JSON.parse(out)));
      } catch (error) {
        reject(new Error(`autocannon exited with ${code}: ${err.slice(-500)}`, { cause: error }));
      }
    });
  });
}

export async function measureLoadHeld(
  url: string,
  options: { host: string; appKey: string; pages: number; people: number; connections: number; seconds: number },
): Promise<LoadFigure> {
  const { host } = options;
  // Several people, each with several tabs open: a tab shares its person's cookie.
  const cookies: string[] = [];
  for (let person = 0; person < options.people; person++) cookies.push(await pageCookie(url));
  const pages: (Awaited<ReturnType<typeof openPage>> & { cookie: string })[] = [];
  for (let index = 0; index < options.pages; index++) {
    const cookie = cookies[index % cookies.length] ?? '';
    pages.push({ cookie, ...(await openPage(url, host, cookie)) });
  }
  const pollMs = pages[0]?.pollMs ?? 1000;
  const writer = await apiSession(url, OWNER);
  const reader = await apiSession(url, OWNER);

  const polls: Timed[] = [];
  const refreshes: Timed[] = [];
  const seen: { page: number; at: number; etag: string }[] = [];
  const writes: { sentAt: number; at: number; etag: string }[] = [];
  let writeErrors = 0;
  let running = true;
  const started = performance.now();

  const timed = async (into: Timed[], request: () => Promise<Response>): Promise<Response | undefined> => {
    const at = performance.now();
    try {
      const answer = await request();
      const body = await answer.arrayBuffer();
      into.push({ at, ms: performance.now() - at, ok: answer.ok });
      return answer.ok ? new Response(body, { headers: answer.headers }) : undefined;
    } catch {
      into.push({ at, ms: performance.now() - at, ok: false });
      return undefined;
    }
  };

  // Each page polls as its script does: one request at a time, the next `pollMs` after the last answer.
  const pageLoop = async (index: number) => {
    const page = pages[index];
    if (!page) return;
    let etag = page.etag;
    // Tabs were not all opened in the same millisecond.
    await new Promise((resolve) => setTimeout(resolve, (index / options.pages) * pollMs));
    while (running) {
      const answer = await timed(polls, () =>
        fetch(`${url}${page.stateUrl}`, { headers: { Cookie: page.cookie, Accept: 'application/json' } }),
      );
      if (answer) {
        const state = PageStateSchema.parse(await answer.json());
        seen.push({ page: index, at: performance.now(), etag: state.etag });
        if (state.etag !== etag) {
          await timed(refreshes, () =>
            fetch(`${url}${page.path}`, { headers: { Cookie: page.cookie, 'X-Live-Refresh': '1' } }),
          );
          etag = state.etag;
        }
      }
      if (running) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };

  // One change a second on the pages' site: a license switch, and the ETag it leads to.
  const states = ['inactive-trial', 'active-trial'];
  const writeLoop = async () => {
    for (let round = 0; running; round++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (!running) break;
      const sentAt = performance.now();
      const switched = await writer.call('PUT', `/sites/${host}/apps/${options.appKey}/license`, {
        state: states[round % states.length],
      });
      await switched.arrayBuffer();
      const at = performance.now();
      if (!switched.ok) {
        writeErrors += 1;
        continue;
      }
      const state = await fetch(`${url}${pages[0]?.stateUrl ?? ''}`, { headers: { Cookie: cookies[0] ?? '' } });
      writes.push({ sentAt, at, etag: PageStateSchema.parse(await state.json()).etag });
    }
  };

  const cannon = cannonProcess(
    `${url}/api/v1/sites/${host}/apps`,
    { Authorization: `Bearer ${reader.token}` },
    options.connections,
    options.seconds,
  );
  const loops = [...pages.map((_, index) => pageLoop(index)), writeLoop()];
  const api = await cannon;
  running = false;
  await Promise.all(loops);
  const ended = performance.now();

  // For each write and page: the first poll answered once the write was sent, with its ETag or a
  // later one's, counted from the write's acknowledgement (a poll may beat the writer's own answer).
  const staleness: number[] = [];
  let unseen = 0;
  for (const [index, write] of writes.entries()) {
    const newer = new Set(writes.slice(index).map((later) => later.etag));
    for (let page = 0; page < pages.length; page++) {
      const first = seen.find((sight) => sight.page === page && sight.at >= write.sentAt && newer.has(sight.etag));
      if (first) staleness.push(Math.max(0, first.at - write.at));
      else if (ended - write.at > 3 * pollMs) unseen += 1;
    }
  }

  return {
    host,
    pages: options.pages,
    people: options.people,
    seconds: (ended - started) / 1000,
    pollMs,
    polls: summary(polls),
    refreshes: summary(refreshes),
    staleness: {
      samples: staleness.length,
      p50: percentile(staleness, 0.5),
      p99: percentile(staleness, 0.99),
      max: staleness.length === 0 ? Number.NaN : Math.max(...staleness),
      unseen,
    },
    writes: { count: writes.length, errors: writeErrors },
    api: {
      connections: options.connections,
      path: `/api/v1/sites/${host}/apps`,
      requests: api.requests.total,
      requestsPerSecond: api.requests.average,
      p50: api.latency.p50,
      p99: api.latency.p99,
      errors: api.errors,
      non2xx: api.non2xx,
    },
  };
}
