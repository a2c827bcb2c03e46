import { createHash } from 'node:crypto';
import type { InstalledApp } from '../../../domain/installed-app';
import type { OperationContext } from '../../operations/context';
import { listSiteApps } from '../../operations/site-apps-operations';

const etagOfJson = (json: string) => `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;

/** A strong ETag over exactly what the client would receive, so any change at all changes it. */
export function etagOf(items: InstalledApp[]): string {
  return etagOfJson(JSON.stringify(items));
}

export interface SiteAppsAnswer {
  etag: string;
  /** The whole JSON body, `{items, etag}`, serialised once. */
  body: string;
}

/**
 * A site's apps as the API answers them, kept per site until any write (in any process on the
 * same file) raises the data version: most reads are polls that find nothing changed.
 */
export function createSiteAppsAnswers() {
  const answers = new Map<string, SiteAppsAnswer & { version: number }>();
  return (ctx: OperationContext, host: string): SiteAppsAnswer => {
    // The version is read before the data: data newer than its version is recomputed next time, never served stale.
    const version = ctx.deps.store.dataVersion();
    const known = answers.get(host);
    if (known && known.version === version) return known;
    const itemsJson = JSON.stringify(listSiteApps(ctx, host));
    const etag = etagOfJson(itemsJson);
    const answer = { version, etag, body: `{"items":${itemsJson},"etag":${JSON.stringify(etag)}}` };
    answers.set(host, answer);
    return answer;
  };
}
