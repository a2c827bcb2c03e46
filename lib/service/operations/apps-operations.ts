import type { AppKey } from '../../domain/identifiers';
import type { PaymentModel } from '../../domain/installed-app';
import { ServiceError } from '../problem';
import { TOKEN_LIMIT } from '../rules/access-token-rules';
import type { AppRecord, Visibility } from '../store/apps-repository';
import { audit, type OperationContext, requireApp } from './context';

export interface AppView extends AppRecord {
  activeTokens: number;
  tokenLimit: number;
}

export function appView(ctx: OperationContext, app: AppRecord): AppView {
  return { ...app, activeTokens: ctx.deps.store.accessTokens.countActive(app.key), tokenLimit: TOKEN_LIMIT };
}

export function listApps(ctx: OperationContext): AppView[] {
  return ctx.deps.store.apps.list().map((app) => appView(ctx, app));
}

export function getApp(ctx: OperationContext, key: string): AppView {
  return appView(ctx, requireApp(ctx, key));
}

export function createApp(
  ctx: OperationContext,
  input: { key: AppKey; name: string; paymentModel: PaymentModel; visibility: Visibility; descriptorUrl: string },
): AppView {
  const { store } = ctx.deps;
  return store.write(() => {
    if (store.apps.get(input.key))
      throw new ServiceError(409, 'app_exists', `An app with the key ${input.key} already exists.`);
    store.apps.insert({ ...input, createdAt: ctx.deps.now().toISOString() });
    audit(ctx, 'app.created', { app: input.key }, { name: input.name, visibility: input.visibility });
    return appView(ctx, requireApp(ctx, input.key));
  });
}

export function updateApp(
  ctx: OperationContext,
  key: AppKey,
  changes: Partial<{ name: string; paymentModel: PaymentModel; visibility: Visibility; descriptorUrl: string }>,
): AppView {
  const { store } = ctx.deps;
  return store.write(() => {
    const app = requireApp(ctx, key);
    store.apps.update({ ...app, ...changes, key });
    audit(ctx, 'app.updated', { app: key }, changes);
    return appView(ctx, requireApp(ctx, key));
  });
}

export function addVersion(
  ctx: OperationContext,
  key: string,
  input: { version: string; visibility: Visibility; descriptorUrl: string },
): AppView {
  const { store } = ctx.deps;
  return store.write(() => {
    const app = requireApp(ctx, key);
    if (app.versions.some((version) => version.version === input.version)) {
      throw new ServiceError(409, 'version_exists', `${app.name} already has a version ${input.version}.`);
    }
    store.apps.addVersion(key, { ...input, createdAt: ctx.deps.now().toISOString() });
    audit(ctx, 'app.versionAdded', { app: key }, input);
    return appView(ctx, requireApp(ctx, key));
  });
}
