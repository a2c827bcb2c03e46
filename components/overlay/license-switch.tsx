import { useId, useRef, useState } from 'preact/hooks';
import type { LicenseState } from '../../lib/domain/license-state';
import { LICENSE_STATE_LABELS, LICENSE_STATES } from '../../lib/domain/license-state-names';
import type { ErrorValue, Reply } from '../../lib/domain/reply';
import { ErrorText } from '../shared/error-text';
import { personOnly } from '../shared/person-only';

export interface LicenseSwitchProps {
  appName: string;
  appKey: string;
  /** The state the service holds; undefined while nothing is known. */
  current: LicenseState | undefined;
  /** Why the switch cannot be used now (free app, no active token, service unreachable); null when it can. */
  disabledReason: string | null;
  /** Sends the switch; the service's answer, or why it refused. */
  onSwitch: (state: LicenseState) => Promise<Reply<unknown>>;
}

/**
 * The six license states as one segmented radio group: one click switches. The checked radio
 * is always what the service holds; the one being switched to shows progress until it answers.
 */
export function LicenseSwitch({ appName, appKey, current, disabledReason, onSwitch }: LicenseSwitchProps) {
  const [pending, setPending] = useState<LicenseState | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const name = `license-${appKey}`;
  const reasonId = useId();
  // Arrow keys move focus between the states (the browser reports that as a click); only a real
  // click, Space or Enter switches.
  const arrowed = useRef(false);

  const choose = async (state: LicenseState) => {
    if (state === current || pending) return;
    setPending(state);
    setError(null);
    const answer = await onSwitch(state);
    setPending(null);
    setError(answer.ok ? null : answer.error);
  };

  return (
    <div class="tl-switch-wrap">
      <div
        role="radiogroup"
        aria-label={`License state for ${appName}`}
        aria-busy={pending !== null}
        aria-describedby={disabledReason || error ? reasonId : undefined}
        aria-disabled={disabledReason !== null || pending !== null}
        class="tl-switch"
      >
        {LICENSE_STATES.map((state) => (
          <label key={state} class={`tl-segment tl-seg-${state}${pending === state ? ' tl-pending' : ''}`}>
            <input
              type="radio"
              name={name}
              value={state}
              checked={state === current}
              // Disabled only for a lasting reason: while a switch runs, focus must stay where it is.
              disabled={disabledReason !== null}
              onClick={personOnly((event) => {
                // The checked radio always shows what the service holds, never what was clicked.
                event.preventDefault();
                if (arrowed.current) {
                  arrowed.current = false;
                  return;
                }
                void choose(state);
              })}
              onKeyDown={personOnly((event) => {
                arrowed.current = event.key.startsWith('Arrow');
                if (event.key === ' ' || event.key === 'Enter') {
                  event.preventDefault();
                  void choose(state);
                }
              })}
            />
            <span>{LICENSE_STATE_LABELS[state]}</span>
          </label>
        ))}
      </div>
      {error ? (
        <ErrorText id={reasonId} error={error} />
      ) : (
        disabledReason && (
          <span id={reasonId} class="tl-reason">
            {disabledReason}
          </span>
        )
      )}
    </div>
  );
}
