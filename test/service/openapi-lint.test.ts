import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_METHODS } from '../../lib/service/auth/api-methods';
import { conforming } from './support/answers';
import { OWNER, testService } from './support/test-service';

const REDOCLY = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));
const NO_NETWORK = fileURLToPath(new URL('./support/no-network.cjs', import.meta.url));

/** Warnings of the recommended ruleset that stay, each with why. */
const ACCEPTED_WARNINGS: Record<string, string> = {
  // The project is private and grants no licence: there is no licence text to link to or SPDX id to name.
  'info-license-strict': 'info.license has a name only',
};

const LintReportSchema = z.looseObject({
  totals: z.object({ errors: z.number(), warnings: z.number(), ignored: z.number() }),
  problems: z.array(
    z.looseObject({
      ruleId: z.string(),
      severity: z.enum(['error', 'warn']),
      message: z.string(),
      location: z.array(z.looseObject({ pointer: z.string().optional() })),
    }),
  ),
});

const OperationSchema = z.looseObject({
  operationId: z.string(),
  summary: z.string(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
});
const DocumentSchema = z.looseObject({
  security: z.array(z.record(z.string(), z.array(z.string()))),
  paths: z.record(z.string(), z.record(z.string(), OperationSchema)),
  components: z.looseObject({
    securitySchemes: z.record(
      z.string(),
      z.looseObject({
        type: z.string(),
        scheme: z.string().optional(),
        in: z.string().optional(),
        name: z.string().optional(),
      }),
    ),
  }),
});

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, stdout, stderr });
    });
  });
}

describe('the OpenAPI document under redocly lint (recommended rules)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'token-lens-openapi-'));
  const networkLog = join(dir, 'network.log');
  let document: unknown;
  let lint: Run;

  beforeAll(async () => {
    const service = await testService({ demo: false });
    const answer = await service.app.request('/api/v1/openapi.json');
    expect(answer.status).toBe(200);
    document = await answer.json();
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document, null, 2));
    lint = await run(
      REDOCLY,
      ['lint', '--format=json', '--extends=recommended', '--lint-config=off', '--max-problems=1000', 'openapi.json'],
      {
        // A directory of its own, so that no redocly.yaml of the project or the machine is read.
        cwd: dir,
        env: {
          ...process.env,
          // Redocly sends usage telemetry and checks for updates unless told not to; the test must run offline.
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${NO_NETWORK}`.trim(),
          TL_NETWORK_LOG: networkLog,
        },
      },
    );
  }, 90_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no errors, and only the warnings accepted above', () => {
    const report = conforming(LintReportSchema, JSON.parse(lint.stdout || '{}'), 'lint report');
    const listed = report.problems
      .map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer})`)
      .join('\n');
    expect(report.totals.errors, listed).toBe(0);
    expect(lint.exitCode, lint.stderr).toBe(0);
    for (const problem of report.problems) expect(Object.keys(ACCEPTED_WARNINGS), listed).toContain(problem.ruleId);
  });

  it('reaches for no network while it lints', () => {
    expect(existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '').toBe('');
  });

  it('names each operation by the API method in its summary, where that method is the operation’s alone', () => {
    const doc = conforming(DocumentSchema, document, 'OpenAPI document');
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    // "… [siteApps.setLicense]", "… [users.manage, owner only]", "… [personalTokens.manage; every …]"
    const methodOf = (summary: string) => summary.match(/\[([A-Za-z]+\.[A-Za-z]+)[^\]]*\]\s*$/)?.[1];
    const uses = new Map<string, number>();
    for (const op of operations) {
      const method = methodOf(op.summary);
      if (method) uses.set(method, (uses.get(method) ?? 0) + 1);
    }
    expect([...uses.keys()].filter((method) => !(API_METHODS as readonly string[]).includes(method))).toEqual([]);
    for (const op of operations) {
      const method = methodOf(op.summary);
      if (method && uses.get(method) === 1) expect(op.operationId).toBe(method);
    }
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
  });

  it('declares the ways a token is accepted, and each of them works', async () => {
    const doc = conforming(DocumentSchema, document, 'OpenAPI document');
    const service = await testService({ demo: false });
    const token = await service.signIn();
    const schemes = Object.entries(doc.components.securitySchemes);
    expect(doc.security.flatMap((requirement) => Object.keys(requirement))).toEqual(schemes.map(([name]) => name));
    for (const [name, scheme] of schemes) {
      let path = '/api/v1/me';
      const headers: Record<string, string> = {};
      if (scheme.type === 'http' && scheme.scheme === 'bearer') headers.Authorization = `Bearer ${token}`;
      else if (scheme.type === 'http' && scheme.scheme === 'basic') {
        headers.Authorization = `Basic ${Buffer.from(`${OWNER.email}:${token}`).toString('base64')}`;
      } else if (scheme.type === 'apiKey' && scheme.in === 'query') path += `?${scheme.name}=${token}`;
      else throw new Error(`no test for security scheme ${name}`);
      expect((await service.app.request(path, { headers })).status, name).toBe(200);
    }
  });

  it('says which operations need no token, and they answer without one', async () => {
    const doc = conforming(DocumentSchema, document, 'OpenAPI document');
    const service = await testService({ demo: false });
    const open = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.security?.length === 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(open).toEqual(['POST /api/v1/sessions', 'GET /api/v1/api-methods']);
    expect((await service.request('POST', '/api/v1/sessions', { body: OWNER })).status).toBe(201);
    expect((await service.request('GET', '/api/v1/api-methods')).status).toBe(200);
    expect((await service.request('GET', '/api/v1/me')).status).toBe(401);
  });
});
