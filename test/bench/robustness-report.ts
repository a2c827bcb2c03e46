import type { RobustnessFigure } from './robustness';
import { fixed } from './stats';

/** docs/benchmarks.md's section on robustness (test/bench/robustness.ts measures it). */

const n = (value: number) => value.toLocaleString('en');
const yes = (met: boolean) => (met ? 'yes' : '**no**');
const codes = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([code, count]) => `${n(count)} × \`${code}\``)
    .join(', ') || '—';

function fuzzLines(figure: RobustnessFigure): string[] {
  const { fuzz } = figure;
  const familyNames = {
    api: '`/api/v1`',
    pages: 'reference pages',
    'site-api': 'product REST (`/sites/{host}/rest/…`)',
    static: 'static (docs, assets, health)',
  } as const;
  const bucketNames = {
    good: 'a real user (session Bearer, page cookie, `?session=`, personal token by Basic or Bearer)',
    limited: 'a real user whose role or scopes fall short (tester, read-only token)',
    bad: 'none, or wrong (unknown, revoked, malformed, a password over Basic, another email, a foreign scheme)',
  } as const;
  const topCodes = Object.fromEntries(
    Object.entries(fuzz.codes)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 15),
  );
  const lines = [
    '### Fuzzing every endpoint',
    '',
    `[fast-check](https://fast-check.dev) draws ${n(fuzz.cases)} requests (seed ${fuzz.seed}) over all ${fuzz.routes} routes — the \`/api/v1\` routes as the service’s OpenAPI document lists them, the reference pages and their forms (with the page session and its form token, right, another session’s, missing or junk), the product’s UPM REST and Connect license routes — each with a drawn path, query, headers and body: mostly close to valid (real app keys, hosts, token values and ids, bodies shaped by the schema) so that requests reach the rules, with mutations and junk mixed in. They are sent one at a time over HTTP to a service process (\`test/service/support/fuzz-harness.ts\`). Every answer is checked: never a 5xx, a lost connection or a logged fault; a refusal in its path’s form (\`application/problem+json\` with the status it is sent with; the product’s JSON \`{subCode, message}\` on its routes; the pages’ sign-in form and a refused form answer a person in HTML); and no data changed by a refusal or by any read — the SQLite file’s tables, read through a connection of the harness’s own, before and after (what a refusal writes by design, a failed sign-in’s audit entry and a token’s “last used”, aside).`,
    '',
    '| cases | failures | 5xx | no answer | faults logged | answers with the data compared | healthy after | time | met (0 failures) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
    `| ${n(fuzz.cases)} | ${n(fuzz.failures)} | ${n(fuzz.fiveXx)} | ${n(fuzz.noAnswer)} | ${n(fuzz.faultsLogged)} | ${n(fuzz.unchangedChecks)} | ${fuzz.healthyAfter ? 'yes' : '**no**'} | ${fixed(fuzz.seconds)} s | ${yes(fuzz.failures === 0 && fuzz.healthyAfter)} |`,
    '',
    '| routes | cases | 2xx | 3xx | 4xx | 5xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...(['api', 'pages', 'site-api', 'static'] as const).map((family) => {
      const tally = fuzz.byFamily[family];
      return `| ${familyNames[family]} | ${n(tally.cases)} | ${n(tally['2xx'])} | ${n(tally['3xx'])} | ${n(tally['4xx'])} | ${n(tally['5xx'])} |`;
    }),
    '',
    '| sent as | cases | 2xx | 3xx | 4xx | 5xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...(['good', 'limited', 'bad'] as const).map((bucket) => {
      const tally = fuzz.byCredential[bucket];
      return `| ${bucketNames[bucket]} | ${n(tally.cases)} | ${n(tally['2xx'])} | ${n(tally['3xx'])} | ${n(tally['4xx'])} | ${n(tally['5xx'])} |`;
    }),
    '',
    `Most frequent refusals: ${codes(topCodes)}.`,
  ];
  if (fuzz.examples.length > 0) {
    lines.push('', 'First failures:', '');
    for (const failure of fuzz.examples.slice(0, 5)) {
      lines.push(`- case ${failure.index}, \`${failure.route}\` as ${failure.auth}: ${failure.violations.join('; ')}`);
    }
  }
  return lines;
}

function burstLines(figure: RobustnessFigure): string[] {
  const { burst } = figure;
  const met = burst.integrity === 'ok' && burst.acknowledgedMissing === 0;
  return [
    '### `kill -9` in the middle of a burst of writes',
    '',
    `${burst.clients} clients, each signed in with a session of its own, send ${n(burst.planned)} writes at once (new sites, new apps, new tokens on existing apps, each with a name of its own) to a service process, which is killed with SIGKILL once ${n(burst.acknowledgedAtKill)} have been acknowledged; a new process is started on the same file and asked for every write (\`test/service/support/write-burst.ts\`).`,
    '',
    '| planned | sent | acknowledged (2xx) | refused | unanswered (in flight at the kill) | acknowledged, found after restart | acknowledged, missing | unanswered, found all the same | `PRAGMA integrity_check` | met |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    `| ${n(burst.planned)} | ${n(burst.sent)} | ${n(burst.acknowledged)} | ${n(burst.refused)} | ${n(burst.unanswered)} | ${n(burst.acknowledgedFound)} | ${n(burst.acknowledgedMissing)} | ${n(burst.unansweredFound)} | \`${burst.integrity}\` | ${yes(met)} |`,
  ];
}

function raceLines(figure: RobustnessFigure): string[] {
  const words = {
    1: 'Rule 1: creates at once on a new, empty app (at most 50 active tokens; exactly 50 made)',
    3: 'Rule 3: one new token applied to that many sites at once (bound to exactly one, the one answered 200)',
  } as const;
  return [
    '### Races across two service processes on one file',
    '',
    'Each round fires all its requests, alternately at each of two service processes sharing one SQLite file, before any answer is awaited; the round is then read back (`test/service/support/races.ts`).',
    '',
    '| race | rounds × requests | attempts | successes | refusals by code | violations | met |',
    '| --- | ---: | ---: | ---: | --- | ---: | --- |',
    ...figure.races.map(
      (race) =>
        `| ${words[race.rule]} | ${race.rounds} × ${race.perRound} | ${n(race.attempts)} | ${n(race.successes)} | ${codes(race.refusals)} | ${race.violations.length} | ${yes(race.violations.length === 0)} |`,
    ),
    ...figure.races.flatMap((race) =>
      race.violations.slice(0, 5).map((violation) => `- rule ${race.rule}, ${violation}`),
    ),
  ];
}

function loadLines(figure: RobustnessFigure): string[] {
  const { load } = figure;
  const row = (what: string, s: { count: number; errors: number; p50: number; p99: number; max: number }) =>
    `| ${what} | ${n(s.count)} | ${n(s.errors)} | ${fixed(s.p50)} ms | ${fixed(s.p99)} ms | ${fixed(s.max)} ms |`;
  return [
    '### Load held',
    '',
    `${load.pages} reference Manage apps pages of \`${load.host}\` open at once (${load.people} people signed in on the pages’ form, their tabs sharing a cookie), each doing what its script does while visible: poll the page’s live state every ${load.pollMs} ms and, when its ETag moved, fetch the page again (\`X-Live-Refresh\`); meanwhile autocannon (in a process of its own) holds ${load.api.connections} connections on \`GET ${load.api.path}\` (Bearer session), and one writer switches a license state on the site once a second, for ${fixed(load.seconds)} s.`,
    '',
    '| traffic | requests | errors | p50 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('pages: live-state polls', load.polls),
    row('pages: refetch after a change', load.refreshes),
    `| API clients (autocannon, ${fixed(load.api.requestsPerSecond, 0)} req/s) | ${n(load.api.requests)} | ${n(load.api.errors + load.api.non2xx)} | ${fixed(load.api.p50)} ms | ${fixed(load.api.p99)} ms | — |`,
    '',
    `Each page saw each of the ${n(load.writes.count)} license switches (${n(load.writes.errors)} failed) ${fixed(load.staleness.p50 / 1000, 2)} s after it was acknowledged at the median, ${fixed(load.staleness.p99 / 1000, 2)} s at p99, ${fixed(load.staleness.max / 1000, 2)} s at worst (${n(load.staleness.samples)} page × switch pairs; ${n(load.staleness.unseen)} not seen before the end; the contract: at most 2 s behind — ${yes(load.staleness.unseen === 0 && load.staleness.max <= 2000)}).`,
  ];
}

/** The markdown lines of the robustness section, tables with the numbers. */
export function robustnessSection(figure: RobustnessFigure): string[] {
  return [
    '## Robustness',
    '',
    `Measured by \`test/bench/robustness.ts\` on service processes of its own, each part on a temp SQLite file of its own (${fixed(figure.seconds, 0)} s in all).`,
    '',
    ...fuzzLines(figure),
    '',
    ...burstLines(figure),
    '',
    ...raceLines(figure),
    '',
    ...loadLines(figure),
  ];
}
