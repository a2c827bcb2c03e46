import { describe, expect, it } from 'vitest';
import { AccessTokenListSchema, AccessTokenSchema } from '../../lib/domain/access-token';
import { AppSchema } from '../../lib/domain/app';
import { ProblemSchema } from '../../lib/domain/problem';
import { conforming, parsed } from './support/answers';
import type { InstalledApp } from './support/contract';
import { serviceProcesses } from './support/process';

/**
 * Rules 1 and 3 under concurrency, against two real service processes sharing one SQLite file
 * (as a team's several processes would): the requests are all fired, alternately at each
 * process, before any answer is awaited. Within one process SQLite calls run one after another;
 * across two, only the immediate transactions keep the limit and the binding.
 */

const processes = serviceProcesses();

async function outcome(response: Response): Promise<{ status: number; code?: string }> {
  const text = await response.text();
  if (response.status < 300) return { status: response.status };
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return { status: response.status, code: conforming(ProblemSchema, JSON.parse(text), 'problem').code };
}

function tally(outcomes: { status: number; code?: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status, code } of outcomes) {
    const key = code ? `${status} ${code}` : String(status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('concurrency against a real service process', () => {
  /** Two processes on one database file; requests alternate between them. */
  async function twoProcesses() {
    const first = await processes.start({ seedDemo: true });
    const second = await processes.start({ dbPath: first.service.dbPath, seedDemo: false });
    const apis = [first.api, second.api] as const;
    return { api: first.api, either: (n: number) => apis[n % 2] ?? first.api };
  }

  it('makes exactly 50 tokens out of 200 simultaneous creates on an empty app (rule 1)', async () => {
    const { api, either } = await twoProcesses();
    const created = await api.call('POST', '/apps', {
      key: 'com.test.race',
      name: 'Race',
      paymentModel: 'paid',
      visibility: 'private',
      descriptorUrl: 'https://apps.test.example/race.json',
    });
    expect(created.status).toBe(201);

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        either(n).call('POST', '/apps/com.test.race/tokens', { note: `racer ${n}` }),
      ),
    );
    const outcomes = await Promise.all(responses.map(outcome));
    expect(tally(outcomes)).toEqual({ '201': 50, '409 token_limit_reached': 150 });

    const list = await parsed(await api.call('GET', '/apps/com.test.race/tokens'), AccessTokenListSchema);
    expect(list).toMatchObject({ active: 50, limit: 50 });
    expect(list.items).toHaveLength(50);
    expect(new Set(list.items.map((token) => token.value)).size).toBe(50);
    const app = await parsed(await api.call('GET', '/apps/com.test.race'), AppSchema);
    expect(app.activeTokens).toBe(50);
  });

  it('binds one token applied to 20 sites at once to exactly one of them (rule 3)', async () => {
    const { api, either } = await twoProcesses();
    const appKey = 'com.acme.reports';
    const hosts = Array.from({ length: 20 }, (_, n) => `race-${n}.atlassian.net`);
    for (const host of hosts) {
      expect((await api.call('POST', '/sites', { host })).status).toBe(201);
      expect((await api.call('PATCH', `/sites/${host}`, { privateListingsEnabled: true })).status).toBe(200);
      expect((await api.call('POST', `/sites/${host}/apps`, { appKey })).status).toBe(201);
    }
    const tokenResponse = await api.call('POST', `/apps/${appKey}/tokens`, {});
    expect(tokenResponse.status).toBe(201);
    const token = await parsed(tokenResponse, AccessTokenSchema);

    const responses = await Promise.all(
      hosts.map((host, n) => either(n).call('PUT', `/sites/${host}/apps/${appKey}/token`, { token: token.value })),
    );
    const outcomes = await Promise.all(responses.map(outcome));
    expect(tally(outcomes)).toEqual({ '200': 1, '409 token_bound_elsewhere': 19 });

    const winner = hosts[outcomes.findIndex((result) => result.status === 200)];
    const read = await parsed(await api.call('GET', `/apps/${appKey}/tokens/${token.id}`), AccessTokenSchema);
    expect(read.site?.host).toBe(winner);

    for (const host of hosts) {
      const installed = (await api.siteApps(host)).find((app: InstalledApp) => app.appKey === appKey);
      if (host === winner) expect(installed?.token?.id).toBe(token.id);
      else expect(installed).toMatchObject({ token: null, license: { state: 'unlicensed' } });
    }
  });
});
