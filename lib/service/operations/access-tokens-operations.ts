import { randomUUID } from 'node:crypto';
import { generateToken } from '../auth/secret-tokens';
import { ServiceError } from '../problem';
import { checkTokenCreation, installUrlsFor, TOKEN_LIMIT } from '../rules/access-token-rules';
import { afterTokenRemoved } from '../rules/site-app-rules';
import type { AccessTokenRecord } from '../store/access-tokens-repository';
import type { AppRecord } from '../store/apps-repository';
import { allowOrThrow, audit, type OperationContext, requireApp } from './context';

export interface AccessTokenView {
  id: string;
  appKey: string;
  value: string;
  note: string;
  status: AccessTokenRecord['status'];
  createdAt: string;
  removedAt: string | null;
  site: { host: string; boundAt: string } | null;
  installUrls: { private?: string; public?: string };
}

export function tokenView(app: AppRecord, token: AccessTokenRecord): AccessTokenView {
  return {
    id: token.id,
    appKey: token.appKey,
    value: token.value,
    note: token.note,
    status: token.status,
    createdAt: token.createdAt,
    removedAt: token.removedAt,
    site: token.siteHost && token.boundAt ? { host: token.siteHost, boundAt: token.boundAt } : null,
    installUrls: installUrlsFor(app, token),
  };
}

export function listTokens(ctx: OperationContext, appKey: string) {
  const app = requireApp(ctx, appKey);
  const tokens = ctx.deps.store.accessTokens.listForApp(appKey);
  return {
    items: tokens.map((token) => tokenView(app, token)),
    active: tokens.filter((token) => token.status === 'active').length,
    limit: TOKEN_LIMIT,
  };
}

function requireToken(ctx: OperationContext, app: AppRecord, id: string): AccessTokenRecord {
  const token = ctx.deps.store.accessTokens.get(id);
  if (!token || token.appKey !== app.key)
    throw new ServiceError(404, 'token_not_found', `${app.name} has no access token ${id}.`);
  return token;
}

export function getToken(ctx: OperationContext, appKey: string, id: string): AccessTokenView {
  const app = requireApp(ctx, appKey);
  return tokenView(app, requireToken(ctx, app, id));
}

/** Rules 1 and 2, checked and applied in one immediate transaction so the limit holds under concurrency. */
export function createToken(ctx: OperationContext, appKey: string, note: string): AccessTokenView {
  const { store } = ctx.deps;
  return store.write(() => {
    const app = requireApp(ctx, appKey);
    allowOrThrow(checkTokenCreation(app, store.accessTokens.countActive(appKey)));
    const token: AccessTokenRecord = {
      id: randomUUID(),
      appKey,
      value: generateToken('access'),
      note,
      status: 'active',
      createdAt: ctx.deps.now().toISOString(),
      removedAt: null,
      siteHost: null,
      boundAt: null,
    };
    store.accessTokens.insert(token);
    audit(ctx, 'token.created', { app: appKey }, { tokenId: token.id });
    return tokenView(app, token);
  });
}

/** Rule 7: the token becomes removed, and every site where it is applied shows the app unlicensed. */
export function removeToken(ctx: OperationContext, appKey: string, id: string): void {
  const { store } = ctx.deps;
  store.write(() => {
    const app = requireApp(ctx, appKey);
    const token = requireToken(ctx, app, id);
    if (token.status === 'removed') return;
    const now = ctx.deps.now().toISOString();
    store.accessTokens.markRemoved(id, now);
    for (const installation of afterTokenRemoved(store.installedApps.installationsWithToken(id), now)) {
      store.installedApps.save(installation);
      audit(ctx, 'siteApp.unlicensedByTokenRemoval', { site: installation.siteHost, app: appKey }, { tokenId: id });
    }
    audit(ctx, 'token.removed', { app: appKey, ...(token.siteHost ? { site: token.siteHost } : {}) }, { tokenId: id });
  });
}
