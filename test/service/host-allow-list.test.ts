import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../lib/domain/problem';
import { parseConfig } from '../../lib/service/config';
import { hostPolicyFor } from '../../lib/service/host-policy';
import { type RunningService, startService } from '../../lib/service/server';
import { conforming } from './support/answers';
import { OWNER, silentLogger } from './support/test-service';

/** One raw HTTP request with the Host header we choose (fetch would always send the URL's). */
function rawRequest(
  port: number,
  options: { method?: string; path: string; host: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: options.host, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the Host allow-list', () => {
  it.each([
    ['127.0.0.1:4747', true],
    ['localhost:4747', true],
    ['LOCALHOST:4747', true],
    ['[::1]:4747', true],
    ['127.0.0.1:4748', false],
    ['localhost', false],
    ['evil.test:4747', false],
    ['127.0.0.1.evil.test:4747', false],
  ])('on a loopback bind answers %s: %s', (host, allowed) => {
    const policy = hostPolicyFor({ bind: '127.0.0.1', port: 4747 });
    expect(policy.allows(new URL(`http://${host}`).host)).toBe(allowed);
  });

  it('answers the bind address of a wider bind, and the public origin behind a proxy', () => {
    const policy = hostPolicyFor({ bind: '10.0.0.5', port: 8080, publicOrigin: 'https://tokens.example.com' });
    expect(policy.allows('10.0.0.5:8080')).toBe(true);
    expect(policy.allows('tokens.example.com')).toBe(true);
    expect(policy.allows('127.0.0.1:8080')).toBe(false);
    expect(policy.extraOrigins).toEqual(['https://tokens.example.com']);
  });

  it('takes --public-origin as an origin only', () => {
    expect(parseConfig(['--public-origin', 'https://tokens.example.com'], {}).publicOrigin).toBe(
      'https://tokens.example.com',
    );
    expect(() => parseConfig(['--public-origin', 'https://tokens.example.com/app'], {})).toThrow(/no path/);
    expect(() => parseConfig(['--public-origin', 'ftp://tokens.example.com'], {})).toThrow(/http or https/);
  });

  describe('on a listening service', () => {
    let service: RunningService;
    let port: number;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'token-lens-hosts-'));
      service = await startService(
        {
          ...parseConfig(['--port', '0', '--db', join(dir, 'db.sqlite')], {}),
          ownerEmail: OWNER.email,
          ownerPassword: OWNER.password,
        },
        silentLogger,
      );
      port = Number(new URL(service.url).port);
    });
    afterAll(async () => {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a rebound name with 421 problem+json before anything else runs', async () => {
      const answer = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/sessions',
        host: `evil.test:${port}`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(OWNER),
      });
      expect(answer.status).toBe(421);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 421, code: 'misdirected_request' });
    });

    it('refuses a rebound page sign-in whose Origin matches the rebound Host', async () => {
      const answer = await rawRequest(port, {
        method: 'POST',
        path: '/sign-in',
        host: `evil.test:${port}`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: `http://evil.test:${port}` },
        body: new URLSearchParams(OWNER).toString(),
      });
      expect(answer.status).toBe(421);
      expect(answer.headers['set-cookie']).toBeUndefined();
    });

    it('refuses an absolute request URL naming another host', async () => {
      const answer = await rawRequest(port, { path: 'http://evil.test/healthz', host: `127.0.0.1:${port}` });
      expect(answer.status).toBe(421);
      expect(conforming(ProblemSchema, JSON.parse(answer.body), 'problem').detail).toContain('"evil.test"');
    });

    it('serves /docs, its assets and the document it shows on its own name, and none of them on another', async () => {
      for (const [path, type] of [
        ['/docs', 'text/html'],
        ['/docs/assets/swagger-ui-bundle.js', 'text/javascript'],
        ['/docs/assets/docs-init.js', 'text/javascript'],
        ['/api/v1/openapi.json', 'application/json'],
      ] as const) {
        const own = await rawRequest(port, { path, host: `127.0.0.1:${port}` });
        expect(own.status, path).toBe(200);
        expect(String(own.headers['content-type']), path).toContain(type);
        const rebound = await rawRequest(port, { path, host: `evil.test:${port}` });
        expect(rebound.status, path).toBe(421);
      }
    });

    it.each(['127.0.0.1', 'localhost'])('answers its own name %s', async (name) => {
      const answer = await rawRequest(port, { path: '/healthz', host: `${name}:${port}` });
      expect(answer.status).toBe(200);
    });
  });
});
