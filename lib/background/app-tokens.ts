import type { ServiceClient } from '../api/service-client';
import type { AppTokenCache, AppTokensRecord } from '../cache/app-token-cache';
import { type AccessToken, maskToken } from '../domain/access-token';
import type { AppKey, SiteHost } from '../domain/identifiers';
import { failWith, ok, type Reply } from '../domain/reply';
import { canGoOnSite, placementOf } from '../domain/token-placement';
import type { AppTokens, SiteAppTokens } from '../messaging/protocol';

export interface AppTokenDeps {
  tokens: AppTokenCache;
  client: () => Promise<Reply<ServiceClient>>;
  now: () => Date;
}

/**
 * An app's token list: fresh from the service when it answers (tokens get bound and removed
 * elsewhere, so a menu must not offer yesterday's list as today's), else the cached list with
 * the reason it could not be refreshed.
 */
export async function loadAppTokens(deps: AppTokenDeps, appKey: AppKey): Promise<Reply<AppTokens>> {
  // Taken before asking: a clear meanwhile (a sign-out) keeps this answer out of the cache.
  const stamp = deps.tokens.stamp();
  const client = await deps.client();
  const answer = client.ok ? await client.data.listTokens(appKey) : client;
  if (answer.ok) {
    const record: AppTokensRecord = {
      appKey,
      tokens: answer.data.items.map(maskToken),
      active: answer.data.active,
      limit: answer.data.limit,
      fetchedAt: deps.now().toISOString(),
    };
    await deps.tokens.put(record, stamp);
    return ok({ ...record, problem: null });
  }
  const problem = { code: answer.error.code, message: answer.error.message };
  const cached = await deps.tokens.get(appKey);
  return cached ? ok({ ...cached, problem }) : failWith(problem.code, problem.message);
}

/** The cached list as it was fetched, without asking the service (a view paints it, then asks for the fresh one). */
export async function cachedAppTokens(deps: Pick<AppTokenDeps, 'tokens'>, appKey: AppKey): Promise<AppTokens | null> {
  const cached = await deps.tokens.get(appKey);
  return cached ? { ...cached, problem: null } : null;
}

/** The list as one site's page may see it: where each token stands, never which other site holds it. */
export function forSite(list: AppTokens, host: SiteHost): SiteAppTokens {
  return {
    appKey: list.appKey,
    tokens: list.tokens.map((token) => {
      const placement = placementOf(token, host);
      // A note may name the site a token went to: only tokens that can go on this site keep theirs.
      return {
        id: token.id,
        last4: token.last4,
        note: canGoOnSite(placement) ? token.note : '',
        createdAt: token.createdAt,
        placement,
      };
    }),
    active: list.active,
    limit: list.limit,
    fetchedAt: list.fetchedAt,
    problem: list.problem,
  };
}

/** The URL that installs with a token: its latest private version's, else its public one's. */
export function installUrlOf(token: AccessToken): Reply<{ url: string }> {
  const url = token.installUrls.private ?? token.installUrls.public;
  return url ? ok({ url }) : failWith('no_install_url', 'This token offers no install URL.');
}
