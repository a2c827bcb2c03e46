import { describe, expect, it } from 'vitest';
import { createHashGate, type HashGate } from '../../lib/service/auth/hash-gate';
import { createPasswordHasher, DEFAULT_SCRYPT_COST } from '../../lib/service/auth/password';
import { ServiceError } from '../../lib/service/problem';
import { problemOf } from './support/answers';
import { OWNER, TEST_SCRYPT_COST, testService } from './support/test-service';

describe('password hashes', () => {
  it('are made at OWASP’s current scrypt cost by default (N=2^17, r=8, p=1) and verify', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hasher = createPasswordHasher();
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hasher.verify('correct horse battery', stored)).toEqual({ matches: true, needsRehash: false });
  });

  it('spend today’s cost on a wrong password against an older, cheaper hash, as for an unknown email', async () => {
    const runs: number[] = [];
    const inner = createHashGate({ slots: 2 });
    const counting: HashGate = {
      ...inner,
      run: (work) => {
        runs.push(1);
        return inner.run(work);
      },
    };
    const hasher = createPasswordHasher({ cost: TEST_SCRYPT_COST, gate: counting });
    const old = await createPasswordHasher({ cost: { N: 2 ** 10, r: 8, p: 1 } }).hash('the right one');
    const current = await hasher.hash('the right one');
    runs.length = 0;
    await hasher.verify('a wrong one', current);
    expect(runs).toHaveLength(1);
    runs.length = 0;
    expect(await hasher.verify('a wrong one', old)).toEqual({ matches: false, needsRehash: false });
    // One hash at the old cost, one at today's: no faster than the decoy an unknown email costs.
    expect(runs).toHaveLength(2);
  });

  it('refuse a stored string that is not one of ours', async () => {
    const hasher = createPasswordHasher({ cost: TEST_SCRYPT_COST });
    for (const stored of ['', 'scrypt$x$8$1$a$b', 'bcrypt$12$abc', 'scrypt$1024$8$1$c2FsdA==$aGFzaA==$extra']) {
      expect((await hasher.verify('anything', stored)).matches).toBe(false);
    }
  });

  it('made with an older, weaker cost are replaced at the next successful sign-in', async () => {
    const service = await testService({ demo: false });
    const old = createPasswordHasher({ cost: { N: 2 ** 10, r: 8, p: 1 } });
    const owner = service.store.users.findByEmail(OWNER.email);
    if (!owner) throw new Error('no owner');
    const weak = await old.hash(OWNER.password);
    service.store.write(() => service.store.users.updatePasswordHash(owner.id, weak));

    const wrong = await service.request('POST', '/api/v1/sessions', { body: { ...OWNER, password: 'not-it-at-all' } });
    expect(wrong.status).toBe(401);
    expect(service.store.users.findById(owner.id)?.passwordHash).toBe(weak);

    await service.signIn();
    const upgraded = service.store.users.findById(owner.id)?.passwordHash ?? '';
    expect(upgraded).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT_COST.N}\\$8\\$1\\$`));
    // The new hash is of the same password.
    await service.signIn();
  });
});

describe('the hash gate', () => {
  /** Work that finishes when the test says so. */
  function controllable() {
    const pending: (() => void)[] = [];
    return {
      work: () => new Promise<void>((resolve) => pending.push(resolve)),
      finishOne: () => pending.shift()?.(),
      pending: () => pending.length,
    };
  }
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** Starts `count` runs of `job` on `gate`, noting how each ends. */
  function startMany(gate: ReturnType<typeof createHashGate>, job: ReturnType<typeof controllable>, count: number) {
    const outcomes: string[] = [];
    const runs = Array.from({ length: count }, () =>
      gate.run(job.work).then(
        () => outcomes.push('done'),
        (error: unknown) => outcomes.push(error instanceof ServiceError ? `${error.status} ${error.code}` : 'other'),
      ),
    );
    return { outcomes, all: () => Promise.all(runs) };
  }
  async function finishAll(job: ReturnType<typeof controllable>) {
    while (job.pending() > 0) {
      job.finishOne();
      await flush();
    }
  }

  it('runs at most `slots` hashes at once; with none timed yet, one round may wait', async () => {
    const gate = createHashGate({ slots: 2, budgetMs: 1000, clock: () => 0 });
    const job = controllable();
    const batch = startMany(gate, job, 5);
    await flush();
    expect(gate.load()).toEqual({ running: 2, waiting: 2 });
    expect(batch.outcomes).toEqual(['429 rate_limited']);
    await finishAll(job);
    await batch.all();
    expect(batch.outcomes.filter((outcome) => outcome === 'done')).toHaveLength(4);
  });

  it.each([
    // 800 ms hashes: one that waits would be done after 1.6 s, so none may wait.
    [800, { running: 2, waiting: 0 }, 3],
    // 400 ms hashes: one round may wait (done after 800 ms), a second round would take 1.2 s.
    [400, { running: 2, waiting: 2 }, 1],
  ])('with %i ms hashes refuses at once what would not be done within the budget', async (ms, load, refused) => {
    let now = 0;
    const gate = createHashGate({ slots: 2, budgetMs: 1000, clock: () => now });
    await gate.run(async () => {
      now += ms;
    });
    const job = controllable();
    const batch = startMany(gate, job, 5);
    await flush();
    expect(gate.load()).toEqual(load);
    expect(batch.outcomes).toEqual(Array.from({ length: refused }, () => '429 rate_limited'));
    await finishAll(job);
    await batch.all();
  });

  it('says when to try again: once a slot is expected to be free', async () => {
    let now = 0;
    const gate = createHashGate({ slots: 1, budgetMs: 1000, clock: () => now });
    await gate.run(async () => {
      now += 1500;
    });
    const job = controllable();
    const running = gate.run(job.work);
    const refused = await gate.run(job.work).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceError);
    expect((refused as ServiceError).headers?.['Retry-After']).toBe('2');
    job.finishOne();
    await running;
  });

  it('refuses a sign-in the gate would refuse before reading its body, on the API and the page form', async () => {
    // A gate that is full once the service is set up (the bootstrap owner's hash runs first).
    const inner = createHashGate({ slots: 1 });
    let saturated = false;
    const refuseIfFull = () => {
      if (saturated)
        throw new ServiceError(429, 'rate_limited', 'Too many sign-ins are being checked at once.', undefined, {
          'Retry-After': '1',
        });
    };
    const full: HashGate = {
      ...inner,
      assertAdmits: refuseIfFull,
      run: (work) => {
        refuseIfFull();
        return inner.run(work);
      },
    };
    const service = await testService({
      demo: false,
      passwords: createPasswordHasher({ cost: TEST_SCRYPT_COST, gate: full }),
    });
    saturated = true;
    // Not even valid JSON: the refusal comes first.
    const api = await service.request('POST', '/api/v1/sessions', { body: '{not json' });
    expect(api.status).toBe(429);
    expect(api.headers.get('Retry-After')).toBe('1');
    expect((await problemOf(api)).code).toBe('rate_limited');

    const page = await service.app.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: new URLSearchParams(OWNER).toString(),
    });
    expect(page.status).toBe(429);
    expect(page.headers.get('Retry-After')).toBe('1');
    expect(page.headers.get('Set-Cookie')).toBeNull();
    expect(await page.text()).toContain('Too many sign-ins are being checked at once.');
  });

  it('keeps 400 wrong sign-ins in flight from queueing a real one behind them', async () => {
    // A budget shorter than one hash (as 1 s is to the production cost's 0.8 s on two cores):
    // the flood may never queue more than one round behind the running hashes.
    const inner = createHashGate({ slots: 2, budgetMs: 1 });
    let peak = 0;
    let peakWaiting = 0;
    const gate: HashGate = {
      ...inner,
      run: (work) => {
        peakWaiting = Math.max(peakWaiting, inner.load().waiting);
        return inner.run(async () => {
          peak = Math.max(peak, inner.load().running);
          return work();
        });
      },
    };
    const service = await testService({
      demo: false,
      passwords: createPasswordHasher({ cost: TEST_SCRYPT_COST, gate }),
    });
    const wrong = Array.from({ length: 400 }, (_, index) =>
      service.request('POST', '/api/v1/sessions', {
        body: { email: `nobody${index}@test.example`, password: 'wrong' },
      }),
    );
    const real = service.request('POST', '/api/v1/sessions', { body: OWNER });
    const answers = await Promise.all([...wrong, real]);
    const statuses = answers.map((answer) => answer.status);
    expect(new Set(statuses)).toEqual(new Set([401, 429, ...(statuses.at(-1) === 201 ? [201] : [])]));
    expect(peak).toBeLessThanOrEqual(2);
    expect(peakWaiting).toBeLessThanOrEqual(2);
    // Most of the flood is refused at once instead of being queued.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(300);
    const refused = answers.find((answer) => answer.status === 429);
    if (!refused) throw new Error('nothing was refused');
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect((await problemOf(refused)).code).toBe('rate_limited');
    // A refused real sign-in is told to retry; once the flood is over it goes through.
    expect([201, 429]).toContain(statuses.at(-1));
    await service.signIn();
  });
});
