/**
 * How fresh each part keeps a site's data, named once (STYLE.md: freshness is explicit).
 * A visible Manage apps tab asks for revalidation often, because a 304 costs almost nothing;
 * the background's alarm is the slow safety net; the reference page polls its own state.
 */
export const FRESHNESS = {
  /** A visible Manage apps tab asks the background to revalidate its site this often. */
  liveRevalidateMs: 2000,
  /** Site settings (private listings) are not in the apps' ETag: checked every this many live ticks. */
  settingsEveryLiveTicks: 5,
  /** The background's alarm while any Manage apps tab is open: 30 s, the shortest browsers allow. */
  refreshAlarmMinutes: 0.5,
  /** The reference Manage apps page polls its own state this often (at most 2 s behind, SERVICE-API.md). */
  referencePagePollMs: 1000,
  /** A cached site older than this is dropped and fetched anew, not shown as stale. */
  cachedSiteMaxAgeMs: 30 * 24 * 60 * 60 * 1000,
} as const;
