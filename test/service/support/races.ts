import { AccessTokenListSchema, AccessTokenSchema } from '../../../lib/domain/access-token';
import { AppSchema } from '../../../lib/domain/app';
import { ProblemSchema } from '../../../lib/domain/problem';
import { TOKEN_LIMIT } from '../../../lib/service/rules/access-token-rules';
import type { ProcessApi } from './process';

/**
 * Rules 1 and 3 under concurrency (SERVICE-API.md), as numbers: the requests of a round are all
 * fired, alternately at each of the given API sessions (one per service process on one SQLite
 * file), before any answer is awaited; each round is then read back and checked.
 *  - Rule 1: `creates` simultaneous creates on a new, empty app make exactly 50 active tokens.
 *  - Rule 3: one new token applied to `sites` sites at once binds to exactly one of them, the one
 *    whose answer was 200; no other site shows it.
 */

export interface RaceFigure {
  rule: 1 | 3;
  rounds: number;
  /** Requests fired per round. */
  perRound: number;
  attempts: number;
  successes: number;
  /** Refusals by status and code, e.g. `{ "409 token_limit_reached": 150 }`. */
  refusals: Record<string, number>;
  /** Broken promises of the rule, each in words (none expected). */
  violations: string[];
  seconds: number;
}

interface Outcome {
  status: number;
  code?: string;
}

async function outcomeOf(response: Response): Promise<Outcome> {
  const text = await response.text();
  if (response.status < 300) return { status: response.status };
  const problem = ProblemSchema.safeParse(JSON.parse(text));
  return {
    status: response.status,
    code: problem.success ? problem.data.code : `(not a problem: ${text.slice(0, 80)})`,
  };
}

function tallyInto(figure: RaceFigure, outcomes: Outcome[]): void {
  for (const { status, code } of outcomes) {
    figure.attempts += 1;
    if (status < 300) figure.successes += 1;
    else figure.refusals[`${status} ${code}`] = (figure.refusals[`${status} ${code}`] ?? 0) + 1;
  }
}

const either = (apis: readonly ProcessApi[], n: number): ProcessApi => {
  const api = apis[n % apis.length];
  if (!api) throw new Error('a race needs at least one API session');
  return api;
};

async function expectOk(response: Response, what: string): Promise<void> {
  if (response.status >= 300)
    throw new Error(`race set-up: ${what} answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** Rule 1: `rounds` rounds of `creates` simultaneous creates, each on an app of its own. */
export async function raceTokenLimit(
  apis: readonly ProcessApi[],
  options: { rounds: number; creates: number },
): Promise<RaceFigure> {
  const started = performance.now();
  const figure: RaceFigure = {
    rule: 1,
    rounds: options.rounds,
    perRound: options.creates,
    attempts: 0,
    successes: 0,
    refusals: {},
    violations: [],
    seconds: 0,
  };
  const reader = either(apis, 0);
  const run = Math.random().toString(36).slice(2, 8);
  for (let round = 0; round < options.rounds; round++) {
    const key = `com.race.${run}.limit${round}`;
    await expectOk(
      await reader.call('POST', '/apps', {
        key,
        name: `Race ${round}`,
        paymentModel: 'paid',
        visibility: 'private',
        descriptorUrl: `https://apps.race.example/${key}.json`,
      }),
      `creating ${key}`,
    );
    const responses = await Promise.all(
      Array.from({ length: options.creates }, (_, n) =>
        either(apis, n).call('POST', `/apps/${key}/tokens`, { note: `racer ${n}` }),
      ),
    );
    const outcomes = await Promise.all(responses.map(outcomeOf));
    tallyInto(figure, outcomes);
    const created = outcomes.filter((outcome) => outcome.status === 201).length;

    const list = AccessTokenListSchema.parse(await (await reader.call('GET', `/apps/${key}/tokens`)).json());
    const app = AppSchema.parse(await (await reader.call('GET', `/apps/${key}`)).json());
    const say = (what: string) => figure.violations.push(`round ${round + 1}: ${what}`);
    if (list.active > TOKEN_LIMIT) say(`${list.active} active tokens, over the limit of ${TOKEN_LIMIT}`);
    if (created !== Math.min(TOKEN_LIMIT, options.creates)) say(`${created} creates answered 201, not ${TOKEN_LIMIT}`);
    if (list.active !== created || list.items.length !== created) {
      say(`${created} answered 201 but the app lists ${list.items.length} tokens, ${list.active} active`);
    }
    if (app.activeTokens !== list.active) say(`the app says ${app.activeTokens} active, its list ${list.active}`);
    if (new Set(list.items.map((token) => token.value)).size !== list.items.length) say('two tokens share a value');
  }
  figure.seconds = (performance.now() - started) / 1000;
  return figure;
}

/**
 * Rule 3: `rounds` rounds in which one new token of `appKey` (a paid app with a private version)
 * is applied to `sites` sites at once; the sites are made once, with the app installed on each.
 */
export async function raceTokenBinding(
  apis: readonly ProcessApi[],
  options: { rounds: number; sites: number; appKey: string },
): Promise<RaceFigure> {
  const started = performance.now();
  const figure: RaceFigure = {
    rule: 3,
    rounds: options.rounds,
    perRound: options.sites,
    attempts: 0,
    successes: 0,
    refusals: {},
    violations: [],
    seconds: 0,
  };
  const reader = either(apis, 0);
  const { appKey } = options;
  const run = Math.random().toString(36).slice(2, 8);
  const hosts = Array.from({ length: options.sites }, (_, n) => `race-${run}-${n}.atlassian.net`);
  for (const host of hosts) {
    await expectOk(await reader.call('POST', '/sites', { host }), `creating ${host}`);
    await expectOk(
      await reader.call('PATCH', `/sites/${host}`, { privateListingsEnabled: true }),
      'enabling private listings',
    );
    await expectOk(await reader.call('POST', `/sites/${host}/apps`, { appKey }), `installing ${appKey}`);
  }
  for (let round = 0; round < options.rounds; round++) {
    const token = AccessTokenSchema.parse(await (await reader.call('POST', `/apps/${appKey}/tokens`, {})).json());
    const responses = await Promise.all(
      hosts.map((host, n) =>
        either(apis, n + round).call('PUT', `/sites/${host}/apps/${appKey}/token`, { token: token.value }),
      ),
    );
    const outcomes = await Promise.all(responses.map(outcomeOf));
    tallyInto(figure, outcomes);

    const say = (what: string) => figure.violations.push(`round ${round + 1}: ${what}`);
    const winners = hosts.filter((_, n) => outcomes[n]?.status === 200);
    if (winners.length !== 1) say(`${winners.length} sites answered 200, not exactly one`);
    const read = AccessTokenSchema.parse(await (await reader.call('GET', `/apps/${appKey}/tokens/${token.id}`)).json());
    if (winners.length === 1 && read.site?.host !== winners[0]) {
      say(`the token is bound to ${read.site?.host ?? 'no site'}, but ${winners[0]} answered 200`);
    }
    for (const host of hosts) {
      const installed = (await reader.siteApps(host)).find((app) => app.appKey === appKey);
      const shows = installed?.token?.id === token.id;
      if (shows && !winners.includes(host)) say(`${host} shows the token, but its apply was refused`);
      if (!shows && winners.includes(host)) say(`${host} answered 200 but does not show the token`);
    }
  }
  figure.seconds = (performance.now() - started) / 1000;
  return figure;
}
