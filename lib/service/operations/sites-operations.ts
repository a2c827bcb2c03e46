import { ServiceError } from '../problem';
import type { SiteRecord } from '../store/sites-repository';
import { audit, type OperationContext, requireSite } from './context';

export function listSites(ctx: OperationContext): SiteRecord[] {
  return ctx.deps.store.sites.list();
}

export function getSite(ctx: OperationContext, host: string): SiteRecord {
  return requireSite(ctx, host);
}

export function createSite(ctx: OperationContext, host: string): SiteRecord {
  const { store } = ctx.deps;
  return store.write(() => {
    if (store.sites.get(host)) throw new ServiceError(409, 'site_exists', `The site ${host} already exists.`);
    store.sites.insert({ host, privateListingsEnabled: false, createdAt: ctx.deps.now().toISOString() });
    audit(ctx, 'site.created', { site: host });
    return requireSite(ctx, host);
  });
}

export function updateSite(
  ctx: OperationContext,
  host: string,
  changes: { privateListingsEnabled?: boolean },
): SiteRecord {
  const { store } = ctx.deps;
  return store.write(() => {
    const site = requireSite(ctx, host);
    if (
      changes.privateListingsEnabled !== undefined &&
      changes.privateListingsEnabled !== site.privateListingsEnabled
    ) {
      store.sites.setPrivateListings(host, changes.privateListingsEnabled);
      audit(ctx, 'site.privateListingsChanged', { site: host }, { enabled: changes.privateListingsEnabled });
    }
    return requireSite(ctx, host);
  });
}
