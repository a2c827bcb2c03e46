import { useEffect, useState } from 'preact/hooks';
import type { ApiMethods, PersonalToken, PersonalTokenWithValue } from '../../lib/domain/personal-token';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import { ErrorText } from '../shared/error-text';
import { formatAge } from '../shared/format-age';
import { PasswordConfirm, PersonalTokenForm, type TokenSettings } from './personal-token-form';
import { describeScopes } from './scope-picker';

type Panel =
  | { kind: 'none' }
  | { kind: 'generate' }
  | { kind: 'edit'; token: PersonalToken }
  | { kind: 'regenerate' | 'copy'; token: PersonalToken }
  | { kind: 'remove'; tokens: PersonalToken[] };

/**
 * The personal access token dashboard (seed 002): the list, and *Generate*, *Edit*,
 * *Regenerate*, *Copy*, *Remove* (several at once) and *Refresh*. Every change asks for the
 * password; a new value is shown once.
 */
export function PersonalTokensSection({
  ask = askBackground,
  onNewValue,
}: {
  ask?: typeof askBackground;
  /** A value to show once. The page shows it, so that it outlives this section: regenerating the token
   * the extension is signed in with signs it out. */
  onNewValue: (token: PersonalTokenWithValue) => void;
}) {
  const [tokens, setTokens] = useState<PersonalToken[] | null>(null);
  const [methods, setMethods] = useState<ApiMethods | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const now = new Date();

  const refresh = async () => {
    setError(null);
    const [list, api] = await Promise.all([ask({ type: 'personalTokens.list' }), ask({ type: 'apiMethods.list' })]);
    if (!list.ok) return setError(list.error);
    setTokens(list.data.items);
    setSelected((current) => current.filter((id) => list.data.items.some((token) => token.id === id)));
    if (api.ok) setMethods(api.data);
    else setError(api.error);
  };
  useEffect(() => {
    void refresh();
  }, []);

  /** Runs a change; on success shows its value (if any) and the fresh list. */
  const change = async (reply: Promise<Reply<PersonalToken | PersonalTokenWithValue | { removed: string[] }>>) => {
    const answer = await reply;
    if (!answer.ok) return answer.error;
    setPanel({ kind: 'none' });
    if ('value' in answer.data) onNewValue(answer.data);
    await refresh();
    return null;
  };

  const pick = (id: string, event: MouseEvent | KeyboardEvent) => {
    if (!tokens) return;
    if (event.shiftKey && anchor) {
      const ids = tokens.map((token) => token.id);
      const [from, to] = [ids.indexOf(anchor), ids.indexOf(id)].sort((a, b) => a - b);
      setSelected(ids.slice(from, (to ?? 0) + 1));
      return;
    }
    setAnchor(id);
    setSelected((current) =>
      event.ctrlKey || event.metaKey
        ? current.includes(id)
          ? current.filter((x) => x !== id)
          : [...current, id]
        : [id],
    );
  };
  const toggle = (id: string) =>
    setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));

  const chosen = tokens?.filter((token) => selected.includes(token.id)) ?? [];
  const one = chosen.length === 1 ? chosen[0] : undefined;
  const create = (settings: TokenSettings) => change(ask({ type: 'personalTokens.create', ...settings }));
  const update = (token: PersonalToken) => (settings: TokenSettings) =>
    change(ask({ type: 'personalTokens.update', id: token.id, ...settings }));

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p class="tl-muted">
        For scripts and CI: each token for one job, with the API methods it needs and an expiry. Use it as{' '}
        <code>Authorization: Bearer tlp_…</code>, or as the password with your email over HTTP Basic.
      </p>
      {panel.kind === 'none' && (
        <div role="toolbar" aria-label="Token actions" class="tl-row">
          <button type="button" onClick={() => setPanel({ kind: 'generate' })} disabled={!methods}>
            Generate
          </button>
          <button
            type="button"
            onClick={() => one && setPanel({ kind: 'edit', token: one })}
            disabled={!one || !methods}
          >
            Edit
          </button>
          <button type="button" onClick={() => one && setPanel({ kind: 'regenerate', token: one })} disabled={!one}>
            Regenerate
          </button>
          <button type="button" onClick={() => one && setPanel({ kind: 'copy', token: one })} disabled={!one}>
            Copy
          </button>
          <button
            type="button"
            onClick={() => setPanel({ kind: 'remove', tokens: chosen })}
            disabled={chosen.length === 0}
          >
            Remove
          </button>
          <button type="button" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
      )}
      {error && <ErrorText as="p" error={error} />}
      {panel.kind === 'generate' && methods && (
        <PersonalTokenForm methods={methods} now={now} onSubmit={create} onCancel={() => setPanel({ kind: 'none' })} />
      )}
      {panel.kind === 'edit' && methods && (
        <PersonalTokenForm
          methods={methods}
          editing={panel.token}
          now={now}
          onSubmit={update(panel.token)}
          onCancel={() => setPanel({ kind: 'none' })}
        />
      )}
      {panel.kind === 'regenerate' && (
        <PasswordConfirm
          label={`Regenerate “${panel.token.description}”`}
          explanation={`A new value for “${panel.token.description}”: the current one stops working at once, in every script that uses it.`}
          action="Regenerate"
          onConfirm={(password) => change(ask({ type: 'personalTokens.regenerate', id: panel.token.id, password }))}
          onCancel={() => setPanel({ kind: 'none' })}
        />
      )}
      {panel.kind === 'copy' && (
        <PasswordConfirm
          label={`Copy “${panel.token.description}”`}
          explanation={`A new token with the same API methods and expiry as “${panel.token.description}”, and a value of its own.`}
          action="Copy"
          onConfirm={(password) => change(ask({ type: 'personalTokens.copy', id: panel.token.id, password }))}
          onCancel={() => setPanel({ kind: 'none' })}
        />
      )}
      {panel.kind === 'remove' && (
        <PasswordConfirm
          label="Remove tokens"
          explanation={`Remove ${panel.tokens.map((token) => `“${token.description}”`).join(', ')}? Scripts that use ${panel.tokens.length === 1 ? 'it' : 'them'} stop working at once.`}
          action="Remove"
          onConfirm={(password) =>
            change(ask({ type: 'personalTokens.remove', ids: panel.tokens.map((token) => token.id), password }))
          }
          onCancel={() => setPanel({ kind: 'none' })}
        />
      )}
      {tokens === null && !error && <p aria-busy="true">Loading…</p>}
      {tokens?.length === 0 && <p>No personal access tokens yet. Generate one for a script or a CI job.</p>}
      {tokens && tokens.length > 0 && (
        <table aria-label="Your tokens">
          <thead>
            <tr>
              <th scope="col">
                <span class="tl-visually-hidden">Selected</span>
              </th>
              <th scope="col">Description</th>
              <th scope="col">API methods</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr
                key={token.id}
                aria-selected={selected.includes(token.id)}
                class={selected.includes(token.id) ? 'tl-selected' : undefined}
                onClick={(event) => {
                  if (!(event.target instanceof HTMLInputElement)) pick(token.id, event);
                }}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${token.description}`}
                    checked={selected.includes(token.id)}
                    onChange={() => toggle(token.id)}
                  />
                </td>
                <td>{token.description}</td>
                <td title={token.scopes.join('\n')}>{describeScopes(token.preset, token.scopes)}</td>
                <td>
                  {token.expiresAt}
                  {token.expired && <strong class="tl-expired"> expired</strong>}
                </td>
                <td>{token.lastUsedAt ? formatAge(token.lastUsedAt, now) : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
