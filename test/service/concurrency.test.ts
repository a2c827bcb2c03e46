import { describe, expect, it } from 'vitest';
import { serviceProcesses } from './support/process';
import { raceTokenBinding, raceTokenLimit } from './support/races';

/**
 * Rules 1 and 3 under concurrency, against two real service processes sharing one SQLite file
 * (as a team's several processes would): the requests of a round are all fired, alternately at
 * each process, before any answer is awaited, and the round is read back (support/races.ts).
 * Within one process SQLite calls run one after another; across two, only the immediate
 * transactions keep the limit and the binding. Each race is run a few rounds here; `npm run
 * bench` runs 20 (test/bench/robustness.ts).
 */

const processes = serviceProcesses();
const ROUNDS = 3;

describe('concurrency against two real service processes on one file', () => {
  /** Two processes on one database file, each with a session of its own. */
  async function twoProcesses() {
    // Three rounds of 200 requests from one session would pass the default budget of 600 a minute.
    const extraArgs = ['--rate-limit', '100000'];
    const first = await processes.start({ seedDemo: true, extraArgs });
    const second = await processes.start({ dbPath: first.service.dbPath, seedDemo: false, extraArgs });
    return [first.api, second.api] as const;
  }

  it('makes exactly 50 tokens out of 200 simultaneous creates on an empty app, round after round (rule 1)', async () => {
    const figure = await raceTokenLimit(await twoProcesses(), { rounds: ROUNDS, creates: 200 });
    expect(figure.violations).toEqual([]);
    expect(figure).toMatchObject({
      attempts: ROUNDS * 200,
      successes: ROUNDS * 50,
      refusals: { '409 token_limit_reached': ROUNDS * 150 },
    });
  }, 120_000);

  it('binds one token applied to 20 sites at once to exactly one of them, round after round (rule 3)', async () => {
    const figure = await raceTokenBinding(await twoProcesses(), {
      rounds: ROUNDS,
      sites: 20,
      appKey: 'com.acme.reports',
    });
    expect(figure.violations).toEqual([]);
    expect(figure).toMatchObject({
      attempts: ROUNDS * 20,
      successes: ROUNDS,
      refusals: { '409 token_bound_elsewhere': ROUNDS * 19 },
    });
  }, 120_000);
});
