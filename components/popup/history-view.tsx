import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../lib/domain/audit';
import type { AppKey, SiteHost } from '../../lib/domain/identifiers';
import { LICENSE_STATE_LABELS } from '../../lib/domain/license-state-names';
import { LicenseStateSchema } from '../../lib/domain/mini-schemas';
import type { ErrorValue } from '../../lib/domain/reply';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import { ErrorText } from '../shared/error-text';

/** What each action is, in words; an action not named here shows by its id. */
const ACTIONS: Record<string, string> = {
  'siteApp.licenseChanged': 'switched the license state',
  'siteApp.tokenApplied': 'applied a token',
  'siteApp.tokenCleared': 'cleared the token',
  'siteApp.installed': 'installed',
  'siteApp.uninstalled': 'uninstalled',
  'siteApp.unlicensedByTokenRemoval': 'was unlicensed: its token was removed at the Marketplace',
  'token.created': 'created a token',
  'token.removed': 'removed a token at the Marketplace',
  'site.privateListingsChanged': 'changed private listings',
};

/** One line of history in words: what was done, with the state it was switched to. */
function describe(entry: AuditEntry): string {
  const state = LicenseStateSchema.safeParse(entry.detail.to);
  return `${ACTIONS[entry.action] ?? entry.action}${state.success ? ` to ${LICENSE_STATE_LABELS[state.data]}` : ''}`;
}

/** Who switched which state, applied or cleared which token, and when: newest first, a page at a time. */
export function HistoryView({
  host,
  appKey,
  ask = askBackground,
}: {
  host: SiteHost;
  appKey?: AppKey | undefined;
  ask?: typeof askBackground;
}) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);

  const load = async (before?: number) => {
    const reply = await ask({
      type: 'audit.list',
      host,
      ...(appKey ? { appKey } : {}),
      ...(before === undefined ? {} : { before }),
    });
    if (!reply.ok) return setError(reply.error);
    setEntries((current) => [...(before === undefined ? [] : (current ?? [])), ...reply.data.items]);
    setDone(reply.data.items.length === 0);
  };
  useEffect(() => {
    setEntries(null);
    void load();
  }, [host, appKey]);

  return (
    <section aria-label="History">
      <h2>History{appKey ? ` of ${appKey}` : ` of ${host}`}</h2>
      {error && <ErrorText as="p" error={error} />}
      {!entries && !error && <p aria-busy="true">Loading history…</p>}
      {entries?.length === 0 && <p>Nothing has been changed here yet.</p>}
      {entries && entries.length > 0 && (
        <ol class="tl-history" aria-label="Changes, newest first">
          {entries.map((entry) => (
            <li key={entry.seq}>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> <strong>{entry.actor}</strong>{' '}
              {describe(entry)}
              {entry.app && !appKey ? <span class="tl-muted"> · {entry.app}</span> : null}
            </li>
          ))}
        </ol>
      )}
      {entries && entries.length > 0 && !done && (
        <button type="button" onClick={() => void load(entries.at(-1)?.seq)}>
          Older
        </button>
      )}
    </section>
  );
}
