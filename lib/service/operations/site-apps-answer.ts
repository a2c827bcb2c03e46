import { createHash } from 'node:crypto';
import type { OperationContext } from './context';
import { listSiteApps } from './site-apps-operations';

/** A strong ETag over exactly what the client would receive, so any change at all changes it. */
const etagOfJson = (json: string) => `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;

export interface SiteAppsAnswer {
  etag: string;
  /** The whole JSON body, `{items, etag}`, serialised once. */
  body: string;
}

/** Per service (per deps), each site's answer with the data version it was computed at. */
const answersOf = new WeakMap<object, Map<string, SiteAppsAnswer & { version: number }>>();

/**
 * A site's apps as the API answers them, kept per site until any write (in any process on the
 * same file) raises the data version: most reads are polls — the extension's and the reference
 * page's — that find nothing changed.
 */
export function siteAppsAnswer(ctx: OperationContext, host: string): SiteAppsAnswer {
  const answers = answersOf.get(ctx.deps) ?? new Map<string, SiteAppsAnswer & { version: number }>();
  answersOf.set(ctx.deps, answers);
  // The version is read before the data: data newer than its version is recomputed next time, never served stale.
  const version = ctx.deps.store.dataVersion();
  const known = answers.get(host);
  if (known && known.version === version) return known;
  const itemsJson = JSON.stringify(listSiteApps(ctx, host));
  const etag = etagOfJson(itemsJson);
  const answer = { version, etag, body: `{"items":${itemsJson},"etag":${JSON.stringify(etag)}}` };
  answers.set(host, answer);
  return answer;
}
