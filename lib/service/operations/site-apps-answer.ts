import { createHash } from 'node:crypto';
import type { OperationContext } from './context';
import { listSiteApps } from './site-apps-operations';

/** A strong ETag over exactly what the client would receive, so any change at all changes it. */
const etagOfJson = (json: string) => `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;

export interface SiteAppsAnswer {
  etag: string;
  /**
   * The whole JSON body, `{items, etag}`, serialised and UTF-8 encoded once: every answer sends
   * these bytes as they are, with no per-request encoding or length count of a string.
   */
  body: Uint8Array<ArrayBuffer>;
}

/** Per service (per deps), each site's answer with the data version it was computed at. */
const answersOf = new WeakMap<object, Map<string, SiteAppsAnswer & { version: number }>>();

/**
 * A site's apps as the API answers them, kept per site until any write (in any process on the
 * same file) raises the data version: most reads are polls — the extension's and the reference
 * page's — that find nothing changed. A read-only request that already read the version before
 * reading anything (authorize does) passes it as `version`, saving a second read.
 */
export function siteAppsAnswer(
  ctx: OperationContext,
  host: string,
  version: number = ctx.deps.store.dataVersion(),
): SiteAppsAnswer {
  const answers = answersOf.get(ctx.deps) ?? new Map<string, SiteAppsAnswer & { version: number }>();
  answersOf.set(ctx.deps, answers);
  // The version was read before the data: data newer than its version is recomputed next time, never served stale.
  const known = answers.get(host);
  if (known && known.version === version) return known;
  const itemsJson = JSON.stringify(listSiteApps(ctx, host));
  const etag = etagOfJson(itemsJson);
  const answer = { version, etag, body: Buffer.from(`{"items":${itemsJson},"etag":${JSON.stringify(etag)}}`) };
  answers.set(host, answer);
  return answer;
}
