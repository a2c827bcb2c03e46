import type { ServiceDeps } from '../deps';
import { ServiceError } from '../problem';
import { isRefusal, type Refusal } from '../rules/refusal';
import type { AppRecord } from '../store/apps-repository';
import type { SiteRecord } from '../store/sites-repository';
import type { UserRecord } from '../store/users-repository';

/** Who asks, and with what: every operation takes this. */
export interface OperationContext {
  deps: ServiceDeps;
  actor: UserRecord;
}

/** A rule's refusal becomes the problem the caller sees; anything else passes through. */
export function unwrap<T>(outcome: T | Refusal): T {
  if (isRefusal(outcome)) throw new ServiceError(outcome.status, outcome.code, outcome.detail);
  return outcome;
}

/** Throws a rule's refusal, if there is one. */
export function allowOrThrow(refusal: Refusal | undefined): void {
  if (refusal) unwrap(refusal);
}

export function requireApp(ctx: OperationContext, key: string): AppRecord {
  const app = ctx.deps.store.apps.get(key);
  if (!app) throw new ServiceError(404, 'app_not_found', `No app with the key ${key} exists.`);
  return app;
}

export function requireSite(ctx: OperationContext, host: string): SiteRecord {
  const site = ctx.deps.store.sites.get(host);
  if (!site) throw new ServiceError(404, 'site_not_found', `No site ${host} is known to this service.`);
  return site;
}

export function audit(
  ctx: OperationContext,
  action: string,
  target: { site?: string; app?: string },
  detail: Record<string, unknown> = {},
): void {
  ctx.deps.store.audit.record({
    at: ctx.deps.now().toISOString(),
    actor: ctx.actor.email,
    action,
    site: target.site ?? null,
    app: target.app ?? null,
    detail,
  });
}
