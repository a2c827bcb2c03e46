import { useState } from 'preact/hooks';
import type { ApiMethods, PersonalToken } from '../../lib/domain/personal-token';
import type { ErrorValue } from '../../lib/domain/reply';
import { ErrorText } from '../shared/error-text';
import { type ScopeChoice, ScopePicker, scopesOf } from './scope-picker';

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export interface TokenSettings {
  description: string;
  expiresAt: string;
  scopes: ReturnType<typeof scopesOf>;
  password: string;
}

/**
 * *Generate* and *Edit*: description, expiry date (30 days by default, 365 at the most), a
 * preset or a custom set of API methods, and the password that confirms the change.
 */
export function PersonalTokenForm({
  methods,
  editing,
  now,
  onSubmit,
  onCancel,
}: {
  methods: ApiMethods;
  /** The token being edited, or undefined to generate a new one. */
  editing?: PersonalToken;
  now: Date;
  onSubmit: (settings: TokenSettings) => Promise<ErrorValue | null>;
  onCancel: () => void;
}) {
  const [description, setDescription] = useState(editing?.description ?? '');
  const [expiresAt, setExpiresAt] = useState(editing?.expiresAt ?? isoDay(new Date(now.getTime() + 30 * DAY)));
  const [scopes, setScopes] = useState<ScopeChoice>(
    editing
      ? editing.preset
        ? { kind: 'preset', preset: editing.preset }
        : { kind: 'custom', methods: editing.scopes }
      : { kind: 'preset', preset: 'read-only' },
  );
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (scopes.kind === 'custom' && scopes.methods.length === 0) {
      setError({ code: 'scopes_missing', message: 'Check at least one API method, or choose a preset.' });
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await onSubmit({ description: description.trim(), expiresAt, scopes: scopesOf(scopes), password });
    setBusy(false);
    setPassword('');
    setError(failure);
  };

  const title = editing ? `Edit “${editing.description}”` : 'Generate a personal access token';
  return (
    <form class="tl-token-form" aria-label={title} onSubmit={submit}>
      <h3>{title}</h3>
      <div class="tl-grid">
        <label for="tl-description">Description</label>
        <input
          id="tl-description"
          required
          maxLength={200}
          value={description}
          placeholder="What this token is for, e.g. Nightly CI"
          onInput={(event) => setDescription(event.currentTarget.value)}
        />
        <label for="tl-expires">Expires on</label>
        <input
          id="tl-expires"
          type="date"
          required
          min={isoDay(now)}
          max={isoDay(new Date(now.getTime() + 365 * DAY))}
          value={expiresAt}
          onInput={(event) => setExpiresAt(event.currentTarget.value)}
        />
      </div>
      <ScopePicker methods={methods} value={scopes} onChange={setScopes} />
      <div class="tl-grid">
        <PasswordField id="tl-confirm-password" value={password} onInput={setPassword} />
      </div>
      <div class="tl-row">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Generate token'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {error && <ErrorText as="p" error={error} />}
    </form>
  );
}

/** *Regenerate*, *Copy* and *Remove* each ask for the password, saying what will happen. */
export function PasswordConfirm({
  label,
  explanation,
  action,
  onConfirm,
  onCancel,
}: {
  label: string;
  explanation: string;
  action: string;
  onConfirm: (password: string) => Promise<ErrorValue | null>;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const failure = await onConfirm(password);
    setBusy(false);
    setPassword('');
    setError(failure);
  };
  return (
    <form
      class="tl-token-form"
      aria-label={label}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) onCancel();
      }}
    >
      <p>{explanation}</p>
      <div class="tl-row">
        <PasswordField id="tl-action-password" value={password} onInput={setPassword} />
        <button type="submit" disabled={busy}>
          {busy ? 'Working…' : action}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {error && <ErrorText as="p" error={error} />}
    </form>
  );
}

/** The account password that confirms a change (seed 002): never kept after the answer. */
function PasswordField({ id, value, onInput }: { id: string; value: string; onInput: (value: string) => void }) {
  return (
    <>
      <label for={id}>Your password</label>
      <input
        id={id}
        type="password"
        required
        autocomplete="current-password"
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </>
  );
}
