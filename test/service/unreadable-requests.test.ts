import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../lib/domain/problem';
import { conforming } from './support/answers';
import { DEMO } from './support/contract';
import { listeningService } from './support/listening-service';
import { serviceProcesses } from './support/process';
import { headerOf, rawHttp } from './support/raw-http';
import { SiteErrorSchema, upmPath } from './support/site-api';

/**
 * Found by the fuzzer (robustness-fuzz.test.ts): a request whose target or Host the Node adapter
 * cannot make a URL of (a backslash in the path, a Host that is no host name) was answered 400
 * with no body and no content type, by @hono/node-server, before the app saw it. SERVICE-API.md
 * says every error is a problem (or, on a site's own API, the product's `{subCode, message}`).
 * And a Host that the adapter let through but no URL parser reads (`09`) was a 500.
 */

type Listening = Awaited<ReturnType<typeof listeningService>>;
let service: Listening;
beforeAll(async () => {
  service = await listeningService();
});
afterAll(async () => {
  await service?.close();
});

async function send(url: string, path: string, headers: Record<string, string> = {}) {
  const http = rawHttp(url);
  try {
    return await http.send({ method: 'GET', path, headers });
  } finally {
    http.close();
  }
}

function expectProblem(answer: Awaited<ReturnType<typeof send>>, status: number, code: string) {
  expect({ status: answer.status, type: headerOf(answer, 'Content-Type') }).toEqual({
    status,
    type: 'application/problem+json',
  });
  expect(conforming(ProblemSchema, JSON.parse(answer.body.toString()), 'problem')).toMatchObject({ status, code });
}

function expectSiteError(answer: Awaited<ReturnType<typeof send>>, status: number, subCode: string) {
  expect({ status: answer.status, type: headerOf(answer, 'Content-Type') }).toEqual({
    status,
    type: 'application/json',
  });
  expect(conforming(SiteErrorSchema, JSON.parse(answer.body.toString()), 'refusal').subCode).toBe(subCode);
}

describe('requests the adapter cannot read get the contract’s refusal', () => {
  it('a backslash in an /api/v1 path: 400 bad_request, problem+json, not cached', async () => {
    const answer = await send(service.url, '/api/v1/apps/com\\acme');
    expectProblem(answer, 400, 'bad_request');
    expect(headerOf(answer, 'Cache-Control')).toBe('no-store');
  });

  it('a backslash in a reference page’s path: 400 bad_request, problem+json', async () => {
    expectProblem(await send(service.url, `/sites/${DEMO.siteA}/plugins/servlet/upm\\x`), 400, 'bad_request');
  });

  it('a backslash on a site’s own API: the product’s {subCode, message}', async () => {
    expectSiteError(await send(service.url, upmPath(DEMO.siteA, '/o\\-key')), 400, 'bad_request');
  });

  it.each(['?', 'a b', 'user@evil.example', '#x'])('a Host header that is no host name (%j): 421', async (host) => {
    expectProblem(await send(service.url, '/api/v1/me', { Host: host }), 421, 'misdirected_request');
    expectSiteError(await send(service.url, upmPath(DEMO.siteA), { Host: host }), 421, 'misdirected_request');
    // Dot segments resolved first, as the app would read the path: this one is no site's API.
    expectProblem(await send(service.url, '/sites/../rest/plugins/1.0/', { Host: host }), 421, 'misdirected_request');
  });

  // These pass the adapter's quick check (letters, digits, dots) and reach the app, whose host check
  // parsed the request's URL unguarded: 500 internal, and a fault in the log.
  it.each(['09', '999.1.1.1', '1.2.3.4.5', 'xn--a'])(
    'a Host the adapter lets through but no URL parser reads (%j): 421, not 500',
    async (host) => {
      expectProblem(await send(service.url, '/api/v1/me', { Host: host }), 421, 'misdirected_request');
      expectSiteError(await send(service.url, upmPath(DEMO.siteA), { Host: host }), 421, 'misdirected_request');
      expectProblem(
        await send(service.url, `/sites/${DEMO.siteA}/plugins/servlet/upm`, { Host: host }),
        421,
        'misdirected_request',
      );
    },
  );

  it('answers the next request as usual, and logs no fault', async () => {
    expect((await send(service.url, '/healthz')).status).toBe(200);
    expect(service.faults()).toEqual([]);
  });
});

describe('the service process answers them the same way', () => {
  const processes = serviceProcesses();
  it('a backslash in a path, and a Host that is no host name', async () => {
    const { service: running } = await processes.start({ seedDemo: true });
    expectProblem(await send(running.url, '/api/v1/apps/com\\acme'), 400, 'bad_request');
    expectSiteError(await send(running.url, upmPath(DEMO.siteA, '/o\\-key')), 400, 'bad_request');
    expectProblem(await send(running.url, '/api/v1/me', { Host: '?' }), 421, 'misdirected_request');
  });
});
