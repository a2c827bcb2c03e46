import { z } from 'zod';
import { AccessTokenListSchema } from '../../../lib/domain/access-token';
import { AppListSchema } from '../../../lib/domain/app';
import { PersonalTokenListSchema, PersonalTokenWithValueSchema } from '../../../lib/domain/personal-token';
import { ProblemSchema } from '../../../lib/domain/problem';
import { SessionSchema } from '../../../lib/domain/session';
import { SiteListSchema } from '../../../lib/domain/site';
import { API_METHODS } from '../../../lib/service/auth/api-methods';
import { changedTables, type Digest, dataSnapshots } from './db-snapshot';
import {
  type AuthBucket,
  type AuthVariant,
  apiRoutes,
  type Client,
  type Family,
  type FuzzContext,
  type FuzzCredentials,
  type FuzzRequest,
  fuzzPlans,
  PAGE_ROUTES,
  type RouteTemplate,
  SESSION_VARIANTS,
  SITE_API_ROUTES,
  STATIC_ROUTES,
} from './fuzz-model';
import { headerOf, NoAnswer, type RawHttp, type RawResponse, rawHttp, setCookiesOf } from './raw-http';
import { InstallAcceptedSchema, SiteErrorSchema, UpmListSchema } from './site-api';

/**
 * Runs the fuzzer's plans (fuzz-model.ts) against a listening service, one request at a time, and
 * checks every answer:
 *  - never a 5xx, never a lost connection, and no unexpected fault in the service's log;
 *  - a refusal in its path's form: `application/problem+json` (with the status it is sent with) on
 *    /api/v1 and the pages, the product's JSON `{subCode, message}` under `/sites/{host}/rest/`;
 *    only the pages' sign-in form and a refused page form answer a person with an HTML page instead;
 *  - nothing written by a refused request, nor by any read: the SQLite file's tables, read through
 *    a connection of the harness's own (db-snapshot.ts), are the same before and after.
 * The credentials are real: users signed in through the API and the pages' form, personal tokens
 * made with the password, as tests and clients do it. Each sort of client sends from its own
 * loopback address, so that the fuzzer's many failed sign-ins throttle only the fuzzer.
 */

/** Where each client sends from: the service throttles failed sign-ins per client address. */
export const CLIENT_ADDRESSES: Record<Client | 'harness', string> = {
  harness: '127.0.0.2',
  basic: '127.0.0.3',
  fuzz: '127.0.0.4',
};

export interface FuzzTarget {
  url: string;
  dbPath: string;
  owner: { email: string; password: string };
  /** What the service has logged about unexpected faults (`unexpected fault on …`) so far. */
  faults(): string[];
}

export interface FuzzFailure {
  index: number;
  route: string;
  auth: AuthVariant;
  request: string;
  answer: string;
  violations: string[];
}

type Tally = { cases: number; '2xx': number; '3xx': number; '4xx': number; '5xx': number; noAnswer: number };

export interface FuzzFigure {
  seed: number;
  cases: number;
  routes: number;
  /** Cases with at least one violation (0 expected). */
  failures: number;
  fiveXx: number;
  noAnswer: number;
  /** Refused requests (and reads) whose data was compared before and after. */
  unchangedChecks: number;
  byFamily: Record<Family, Tally>;
  byCredential: Record<AuthBucket, Tally>;
  /** Answers by status, e.g. `{ "404": 812 }`. */
  statuses: Record<string, number>;
  /** Refusals by their code (problem `code`, or the product's `subCode`), e.g. `{ "404 app_not_found": 97 }`. */
  codes: Record<string, number>;
  faultsLogged: number;
  healthyAfter: boolean;
  seconds: number;
  /** The first failures, in full. */
  examples: FuzzFailure[];
}

const USERS = {
  tester: { email: 'fuzz-tester@fuzz.example', password: 'fuzz-tester-password', role: 'tester' },
  basic: { email: 'fuzz-basic@fuzz.example', password: 'fuzz-basic-password', role: 'owner' },
  signOut: { email: 'fuzz-sign-out@fuzz.example', password: 'fuzz-sign-out-password', role: 'owner' },
} as const;

const DAY = 24 * 60 * 60 * 1000;

/** The harness's own calls, from its own address; each must answer `status` or the run stops. */
function harnessCalls(http: RawHttp, origin: string) {
  const send = (
    method: string,
    path: string,
    options: { bearer?: string; basic?: string; cookie?: string; json?: unknown; form?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = {};
    let body: Buffer | undefined;
    if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
    if (options.basic) headers.Authorization = options.basic;
    if (options.cookie) headers.Cookie = `tl_session=${options.cookie}`;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = Buffer.from(JSON.stringify(options.json));
    }
    if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers.Origin = origin;
      body = Buffer.from(new URLSearchParams(options.form).toString());
    }
    return http.send({ method, path, headers, ...(body ? { body } : {}), localAddress: CLIENT_ADDRESSES.harness });
  };
  const expecting = async (status: number, method: string, path: string, options: Parameters<typeof send>[2] = {}) => {
    const answer = await send(method, path, options);
    if (answer.status !== status) {
      throw new Error(`fuzz set-up: ${method} ${path} answered ${answer.status}, not ${status}: ${answer.body}`);
    }
    return answer;
  };
  const json = async <S extends z.ZodType>(schema: S, ...call: Parameters<typeof expecting>) =>
    schema.parse(JSON.parse((await expecting(...call)).body.toString())) as z.infer<S>;
  return { send, expecting, json };
}

const basicAuth = (email: string, secret: string) => `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;

/** The form token of the Manage apps page a session is shown. */
async function csrfOf(calls: ReturnType<typeof harnessCalls>, host: string, cookie: string): Promise<string> {
  const page = await calls.expecting(200, 'GET', `/sites/${host}/plugins/servlet/upm`, { cookie });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body.toString())?.[1];
  if (!csrf) throw new Error('fuzz set-up: the Manage apps page has no form token');
  return csrf;
}

async function formSignIn(
  calls: ReturnType<typeof harnessCalls>,
  { email, password }: { email: string; password: string },
) {
  const answer = await calls.expecting(303, 'POST', '/sign-in', { form: { email, password, next: '/' } });
  const cookie = setCookiesOf(answer)
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('tl_session='));
  if (!cookie) throw new Error('fuzz set-up: signing in on the page set no session cookie');
  return cookie.slice('tl_session='.length);
}

/** Users, sessions, personal tokens and the vocabulary of real ids and values. */
async function setUp(http: RawHttp, target: FuzzTarget) {
  const origin = new URL(target.url).origin;
  const calls = harnessCalls(http, origin);
  const signIn = async ({ email, password }: { email: string; password: string }) =>
    (await calls.json(SessionSchema, 201, 'POST', '/api/v1/sessions', { json: { email, password } })).token;

  const owner = await signIn(target.owner);
  for (const user of Object.values(USERS))
    await calls.expecting(201, 'POST', '/api/v1/users', { bearer: owner, json: user });
  const tester = await signIn(USERS.tester);
  const basicUser = await signIn(USERS.basic);
  const expiresAt = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
  const personalToken = async (scopes: unknown) =>
    calls.json(PersonalTokenWithValueSchema, 201, 'POST', '/api/v1/personal-tokens', {
      bearer: basicUser,
      json: { description: 'Fuzzing', expiresAt, scopes, password: USERS.basic.password },
    });
  // The Basic client never manages personal tokens: a password check it failed would throttle it.
  const pat = await personalToken(API_METHODS.filter((method) => method !== 'personalTokens.manage'));
  const readOnlyPat = await personalToken('read-only');
  const ownerPat = await calls.json(PersonalTokenWithValueSchema, 201, 'POST', '/api/v1/personal-tokens', {
    bearer: owner,
    json: { description: 'Fuzzing target', expiresAt, scopes: 'ci', password: target.owner.password },
  });
  const revoked = await signIn(target.owner);
  await calls.expecting(204, 'DELETE', '/api/v1/sessions/current', { bearer: revoked });

  const sites = (await calls.json(SiteListSchema, 200, 'GET', '/api/v1/sites', { bearer: owner })).items;
  const hosts = sites.map((site) => site.host);
  const home = hosts[0] ?? 'acme-dev.atlassian.net';
  const ownerCookie = await formSignIn(calls, target.owner);
  const testerCookie = await formSignIn(calls, USERS.tester);
  const upmTokenOf = async (options: { basic?: string; cookie?: string }) => {
    const head = await calls.expecting(200, 'HEAD', `/sites/${home}/rest/plugins/1.0/`, options);
    return headerOf(head, 'upm-token') ?? '';
  };
  const patBasic = basicAuth(USERS.basic.email, pat.value);

  const apps = (await calls.json(AppListSchema, 200, 'GET', '/api/v1/apps', { bearer: owner })).items;
  const appKeys = apps.map((app) => app.key as string);
  // A removed token and a fresh unbound one, so that rules 3 and 7 are met as well as passed.
  const tokenApp = apps.find((app) => app.visibility === 'private')?.key ?? appKeys[0] ?? '';
  const removed = await calls.json(z.object({ id: z.string() }), 201, 'POST', `/api/v1/apps/${tokenApp}/tokens`, {
    bearer: owner,
    json: { note: 'removed before fuzzing' },
  });
  await calls.expecting(204, 'DELETE', `/api/v1/apps/${tokenApp}/tokens/${removed.id}`, { bearer: owner });
  await calls.expecting(201, 'POST', `/api/v1/apps/${tokenApp}/tokens`, { bearer: owner, json: {} });
  const tokens = [];
  for (const key of appKeys) {
    tokens.push(
      ...(await calls.json(AccessTokenListSchema, 200, 'GET', `/api/v1/apps/${key}/tokens`, { bearer: owner })).items,
    );
  }
  const plugins = await calls.json(UpmListSchema, 200, 'GET', `/sites/${home}/rest/plugins/1.0/`, { basic: patBasic });
  // Install tasks: one that installed, one refused (rule 6), both the Basic client's.
  const taskIds: string[] = [];
  const other = hosts[1] ?? home;
  const publicApp = apps.find((app) => app.visibility === 'public' && app.paymentModel === 'free');
  for (const pluginUri of [
    publicApp?.descriptorUrl ?? '',
    apps.find((app) => app.key === tokenApp)?.descriptorUrl ?? '',
  ]) {
    const token = await upmTokenOf({ basic: patBasic });
    const accepted = InstallAcceptedSchema.parse(
      JSON.parse(
        (
          await http.send({
            method: 'POST',
            path: `/sites/${other}/rest/plugins/1.0/?token=${encodeURIComponent(token)}`,
            headers: { Authorization: patBasic, 'Content-Type': 'application/vnd.atl.plugins.remote.install+json' },
            body: Buffer.from(JSON.stringify({ pluginUri })),
            localAddress: CLIENT_ADDRESSES.harness,
          })
        ).body.toString(),
      ),
    );
    taskIds.push(accepted.links.self.split('/').pop() ?? '');
  }
  const etags = [];
  for (const host of hosts) {
    const answer = await calls.expecting(200, 'GET', `/api/v1/sites/${host}/apps`, { bearer: owner });
    etags.push(headerOf(answer, 'ETag') ?? '');
  }
  const personal = await calls.json(PersonalTokenListSchema, 200, 'GET', '/api/v1/personal-tokens', { bearer: owner });

  const credentials: FuzzCredentials = {
    ownerSession: owner,
    ownerCookie,
    ownerCsrf: await csrfOf(calls, home, ownerCookie),
    ownerUpmToken: await upmTokenOf({ cookie: ownerCookie }),
    testerSession: tester,
    testerCookie,
    testerCsrf: await csrfOf(calls, home, testerCookie),
    testerUpmToken: await upmTokenOf({ cookie: testerCookie }),
    testerEmail: USERS.tester.email,
    testerPassword: USERS.tester.password,
    pat: { email: USERS.basic.email, value: pat.value },
    patUpmToken: await upmTokenOf({ basic: patBasic }),
    readOnlyPat: { email: USERS.basic.email, value: readOnlyPat.value },
    revokedSession: revoked,
  };
  const ctx: FuzzContext = {
    origin,
    now: new Date(),
    credentials,
    vocab: {
      appKeys,
      pluginKeys: plugins.plugins.map((plugin) => plugin.key),
      hosts,
      tokenIds: tokens.map((token) => token.id),
      tokenValues: tokens.map((token) => token.value),
      tokenUrls: tokens.flatMap((token) => Object.values(token.installUrls).filter((url) => url !== undefined)),
      descriptorUrls: apps.flatMap((app) => [
        app.descriptorUrl,
        ...app.versions.map((version) => version.descriptorUrl),
      ]),
      versions: apps.flatMap((app) => app.versions.map((version) => version.version)),
      personalTokenIds: [...personal.items.map((token) => token.id), ownerPat.id, pat.id, readOnlyPat.id],
      taskIds,
      // Never the Basic client's email: its failures would lock it out (the throttle is per email too).
      emails: [target.owner.email, USERS.tester.email, 'nobody@fuzz.example', 'OWNER@E2E.EXAMPLE'],
      passwords: [target.owner.password, USERS.tester.password, 'not-the-password-1'],
      etags,
    },
  };

  /**
   * A session of its own for a request that signs out, so that the harness's stay valid; kept for
   * the next such request while it still works (most sign-outs the fuzzer sends are refused).
   */
  let disposable: { session: string; csrf: string } | undefined;
  const disposableSession = async (): Promise<FuzzContext> => {
    if (disposable && (await calls.send('GET', '/api/v1/me', { bearer: disposable.session })).status !== 200) {
      disposable = undefined;
    }
    if (!disposable) {
      const session = await signIn(USERS.signOut);
      disposable = { session, csrf: await csrfOf(calls, home, session) };
    }
    const { session, csrf } = disposable;
    return {
      ...ctx,
      credentials: {
        ...credentials,
        ownerSession: session,
        ownerCookie: session,
        ownerCsrf: csrf,
        testerSession: session,
        testerCookie: session,
        testerCsrf: csrf,
      },
    };
  };
  return { ctx, disposableSession, calls };
}

const SIGN_OUT_ROUTES = new Set(['DELETE /api/v1/sessions/current', 'POST /sign-out']);

/** What the service's own rule calls the product's routes (SERVICE-API.md): everything under `/sites/{host}/rest/`. */
const siteApiPath = (pathname: string) => /^\/sites\/[^/]+\/rest(\/|$)/.test(pathname);

/** Where the pages answer a person with an HTML page rather than a problem: the sign-in form, a refused form. */
function htmlRefusalAllowed(method: string, pathname: string, status: number): boolean {
  if (method !== 'POST') return false;
  if (pathname === '/sign-in') return [400, 401, 429, 503].includes(status);
  return status === 403 && /^\/sites\/[^/]+\/plugins\/servlet\/upm\/./.test(pathname);
}

function flashKind(answer: RawResponse): string | undefined {
  const line = setCookiesOf(answer).find((cookie) => cookie.startsWith('tl_flash='));
  const value = line?.split(';')[0]?.slice('tl_flash='.length);
  if (!value) return undefined;
  try {
    return String(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')).kind);
  } catch {
    return 'unreadable';
  }
}

/** The path as the service reads it: the request target after the origin, dot segments resolved. */
export function pathnameOf(target: string): string {
  try {
    // A backslash stays a character of the path (a URL parser would read it as a slash).
    return new URL(`http://fuzz.invalid${target.replaceAll('\\', '%5C')}`).pathname;
  } catch {
    return target.split('?')[0] ?? target;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND']);

/**
 * Whether `answer` refuses the request, so that nothing may have been written. A page form is
 * answered 303 either way; its message says whether it was done. Signing out is never refused.
 */
export function isRefusal(request: FuzzRequest, pathname: string, answer: RawResponse): boolean {
  if (answer.status >= 400) return true;
  if (answer.status < 300 || READS.has(request.method)) return false;
  if (pathname === '/sign-out') return false;
  if (pathname === '/sign-in') return !setCookiesOf(answer).some((line) => /^tl_session=[^;]+/.test(line));
  return flashKind(answer) !== 'done';
}

/** What is wrong with an answer's form, if anything. */
export function shapeViolations(request: FuzzRequest, pathname: string, answer: RawResponse): string[] {
  const violations: string[] = [];
  if (answer.status >= 500) violations.push(`answered ${answer.status}`);
  if (answer.status < 400) return violations;
  const type = headerOf(answer, 'Content-Type') ?? '(none)';
  const text = answer.body.toString('utf8');
  const head = request.method === 'HEAD';
  if (siteApiPath(pathname)) {
    if (!/^application\/json(;|$)/.test(type)) violations.push(`refusal on a site API sent as ${type}`);
    else if (!head) {
      try {
        const parsed = SiteErrorSchema.safeParse(JSON.parse(text));
        if (!parsed.success) violations.push(`refusal is not {subCode, message}: ${z.prettifyError(parsed.error)}`);
      } catch {
        violations.push('refusal on a site API is not JSON');
      }
    }
    return violations;
  }
  if (type.startsWith('text/html') && htmlRefusalAllowed(request.method, pathname, answer.status)) return violations;
  if (type !== 'application/problem+json') {
    violations.push(`refusal sent as ${type}, not application/problem+json`);
    return violations;
  }
  if (head) return violations;
  try {
    const problem = ProblemSchema.safeParse(JSON.parse(text));
    if (!problem.success) violations.push(`not a problem: ${z.prettifyError(problem.error)}`);
    else if (problem.data.status !== answer.status) {
      violations.push(`problem says status ${problem.data.status}, answer is ${answer.status}`);
    } else if (!problem.data.code || !problem.data.detail) violations.push('problem without code or detail');
  } catch {
    violations.push('problem+json body is not JSON');
  }
  return violations;
}

/** The stable code a refusal carries, when it is JSON that carries one. */
function refusalCode(answer: RawResponse): string | undefined {
  if (answer.status < 400) return undefined;
  try {
    const body = JSON.parse(answer.body.toString('utf8')) as { code?: unknown; subCode?: unknown };
    const code = body.code ?? body.subCode;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return (headerOf(answer, 'Content-Type') ?? '').startsWith('text/html') ? '(html page)' : undefined;
  }
}

const excerpt = (text: string, length = 300) => (text.length > length ? `${text.slice(0, length)}…` : text);

function describeRequest(request: FuzzRequest): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${excerpt(value, 120)}`)
    .join('\n  ');
  const body = request.body ? `\n  body: ${excerpt(request.body.toString('utf8'))}` : '';
  return `${request.method} ${excerpt(request.path, 400)} (from ${request.client})\n  ${headers}${body}`;
}

const emptyTally = (): Tally => ({ cases: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, noAnswer: 0 });

/** Every route the fuzzer knows: the OpenAPI document's, the pages', the product's and the static ones. */
export async function fuzzRoutes(url: string): Promise<RouteTemplate[]> {
  const http = rawHttp(url);
  try {
    const document = await http.send({
      method: 'GET',
      path: '/api/v1/openapi.json',
      headers: {},
      localAddress: CLIENT_ADDRESSES.harness,
    });
    const parsed = z
      .object({ paths: z.record(z.string(), z.record(z.string(), z.looseObject({}))) })
      .parse(JSON.parse(document.body.toString()));
    return [...apiRoutes(parsed), ...PAGE_ROUTES, ...SITE_API_ROUTES, ...STATIC_ROUTES];
  } finally {
    http.close();
  }
}

export async function runFuzz(
  target: FuzzTarget,
  options: {
    cases: number;
    seed: number;
    onProgress?: (done: number) => void;
    /** Hears every case: the request and the answer's status line, for looking at what the fuzzer does. */
    trace?: (line: string) => void;
  },
): Promise<FuzzFigure> {
  const started = performance.now();
  const http = rawHttp(target.url);
  const snapshots = dataSnapshots(target.dbPath);
  try {
    const routes = await fuzzRoutes(target.url);
    const { ctx, disposableSession, calls } = await setUp(http, target);
    const plans = fuzzPlans(routes, options.cases, options.seed);

    const figure: FuzzFigure = {
      seed: options.seed,
      cases: 0,
      routes: routes.length,
      failures: 0,
      fiveXx: 0,
      noAnswer: 0,
      unchangedChecks: 0,
      byFamily: { api: emptyTally(), pages: emptyTally(), 'site-api': emptyTally(), static: emptyTally() },
      byCredential: { good: emptyTally(), limited: emptyTally(), bad: emptyTally() },
      statuses: {},
      codes: {},
      faultsLogged: 0,
      healthyAfter: false,
      seconds: 0,
      examples: [],
    };
    let known: { version: number; digest: Digest } = { version: snapshots.version(), digest: snapshots.digest() };
    const current = () => {
      const version = snapshots.version();
      if (version !== known.version) known = { version, digest: snapshots.digest() };
      return known;
    };
    const faultsBefore = target.faults().length;

    for (const [index, plan] of plans.entries()) {
      const signsOut =
        SIGN_OUT_ROUTES.has(`${plan.route.method} ${plan.route.path}`) && SESSION_VARIANTS.has(plan.auth);
      const context = signsOut ? await disposableSession() : ctx;
      const request = plan.build(context);
      const before = current();
      const pathname = pathnameOf(request.path);
      const family: Family = pathname.startsWith('/api/v1/')
        ? 'api'
        : siteApiPath(pathname)
          ? 'site-api'
          : plan.route.family === 'static'
            ? 'static'
            : 'pages';

      let answer: RawResponse | undefined;
      const violations: string[] = [];
      try {
        answer = await http.send({ ...request, localAddress: CLIENT_ADDRESSES[request.client] });
      } catch (error) {
        violations.push(`no answer: ${error instanceof NoAnswer ? `${error.code} ${error.message}` : String(error)}`);
      }
      const tallies = [figure.byFamily[family], figure.byCredential[plan.bucket]];
      for (const tally of tallies) tally.cases += 1;
      if (answer) {
        const statusClass = `${Math.floor(answer.status / 100)}xx` as '2xx' | '3xx' | '4xx' | '5xx';
        for (const tally of tallies) if (statusClass in tally) tally[statusClass] += 1;
        figure.statuses[answer.status] = (figure.statuses[answer.status] ?? 0) + 1;
        if (answer.status >= 500) figure.fiveXx += 1;
        const code = refusalCode(answer);
        if (code) figure.codes[`${answer.status} ${code}`] = (figure.codes[`${answer.status} ${code}`] ?? 0) + 1;
        violations.push(...shapeViolations(request, pathname, answer));
        if (isRefusal(request, pathname, answer) || READS.has(request.method)) {
          figure.unchangedChecks += 1;
          const after = current();
          if (after.version !== before.version) {
            const changed = changedTables(before.digest, after.digest);
            if (changed.length > 0) {
              violations.push(
                `${answer.status} ${READS.has(request.method) ? 'read' : 'refusal'} changed ${changed.join(', ')}`,
              );
            }
          }
        }
      } else {
        figure.noAnswer += 1;
        for (const tally of tallies) tally.noAnswer += 1;
      }
      const faults = target.faults().slice(faultsBefore + figure.faultsLogged);
      if (faults.length > 0) {
        figure.faultsLogged += faults.length;
        violations.push(...faults.map((fault) => `service logged: ${excerpt(fault, 400)}`));
      }
      if (violations.length > 0) {
        figure.failures += 1;
        if (figure.examples.length < 20) {
          figure.examples.push({
            index,
            route: `${plan.route.method} ${plan.route.path}`,
            auth: plan.auth,
            request: describeRequest(request),
            answer: answer
              ? `${answer.status} ${headerOf(answer, 'Content-Type') ?? ''} ${excerpt(answer.body.toString('utf8'))}`
              : '(none)',
            violations,
          });
        }
      }
      options.trace?.(
        `${index} ${plan.auth} ${describeRequest(request)}\n  => ${answer ? `${answer.status} ${excerpt(answer.body.toString('utf8'), 160)}` : '(none)'}`,
      );
      figure.cases += 1;
      options.onProgress?.(figure.cases);
    }

    const health = await calls.send('GET', '/healthz');
    figure.healthyAfter = health.status === 200 && health.body.toString().includes('"ok"');
    figure.seconds = (performance.now() - started) / 1000;
    return figure;
  } finally {
    snapshots.close();
    http.close();
  }
}
