import type { MaskedToken } from '../domain/access-token';
import type { AnswerCheck } from './ask-background';
import type { AppTokens } from './extension-page-replies';
import { DATETIME, hasFourCharacters, isObject, isString } from './reader-basics';

/**
 * Reads an app's token list the background sent by exactly the rules of AppTokensSchema
 * (extension-page-replies.ts) — the same checks, the same stripped result — without a schema
 * library's generic machinery: the popup reads one on every open, in a page just loaded, where
 * zod's first parse of 1,000 tokens takes 10–20 ms. test/unit/app-tokens-reader.test.ts holds
 * the two to the same answers. `AppTokensReader.orNull` is `z.nullable(AppTokensSchema)`'s twin.
 */
export const AppTokensReader = {
  safeParse(value: unknown): { success: true; data: AppTokens } | { success: false } {
    const data = readAppTokens(value);
    return data === NO ? { success: false } : { success: true, data };
  },
  orNull: {
    safeParse(value: unknown): { success: true; data: AppTokens | null } | { success: false } {
      if (value === null) return { success: true, data: null };
      const data = readAppTokens(value);
      return data === NO ? { success: false } : { success: true, data };
    },
  },
} satisfies AnswerCheck & { orNull: AnswerCheck };

const isDatetime = (value: unknown): value is string => isString(value) && DATETIME.test(value);

/** Stands for "refused" inside the readers below. */
const NO = Symbol('refused');

function readToken(value: unknown): MaskedToken | typeof NO {
  if (!isObject(value)) return NO;
  const { id, appKey, last4, note, status, createdAt, site, hasPrivateUrl, hasPublicUrl } = value;
  if (!isString(id) || !isString(appKey) || !isString(last4) || !hasFourCharacters(last4) || !isString(note)) return NO;
  if (status !== 'active' && status !== 'removed') return NO;
  if (!isDatetime(createdAt)) return NO;
  let readSite: MaskedToken['site'] = null;
  if (site !== null) {
    if (!isObject(site) || !isString(site.host) || !isDatetime(site.boundAt)) return NO;
    readSite = { host: site.host, boundAt: site.boundAt };
  }
  if (typeof hasPrivateUrl !== 'boolean' || typeof hasPublicUrl !== 'boolean') return NO;
  return { id, appKey, last4, note, status, createdAt, site: readSite, hasPrivateUrl, hasPublicUrl };
}

function readAppTokens(value: unknown): AppTokens | typeof NO {
  if (!isObject(value)) return NO;
  const { appKey, tokens, active, limit, fetchedAt, problem } = value;
  if (!isString(appKey) || !Array.isArray(tokens)) return NO;
  if (!Number.isSafeInteger(active) || !Number.isSafeInteger(limit) || !isString(fetchedAt)) return NO;
  let readProblem: AppTokens['problem'] = null;
  if (problem !== null) {
    if (!isObject(problem) || !isString(problem.code) || !isString(problem.message)) return NO;
    readProblem = { code: problem.code, message: problem.message };
  }
  const read: MaskedToken[] = new Array(tokens.length);
  for (let index = 0; index < tokens.length; index++) {
    const token = readToken(tokens[index]);
    if (token === NO) return NO;
    read[index] = token;
  }
  return { appKey, tokens: read, active: active as number, limit: limit as number, fetchedAt, problem: readProblem };
}
