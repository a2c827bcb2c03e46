/** What a one-field window's form (install from a token URL, paste a token) says after submitting. */
export type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; code: string; text: string };

/** The form's buttons: submit, and Close when the popup was opened as a window of its own. */
export function WindowFormActions(props: {
  label: string;
  busyLabel: string;
  busy: boolean;
  closeWindow?: (() => void) | undefined;
}) {
  return (
    <div class="tl-actions">
      <button type="submit" class="tl-primary" disabled={props.busy}>
        {props.busy ? props.busyLabel : props.label}
      </button>
      {props.closeWindow && (
        <button type="button" onClick={props.closeWindow}>
          Close
        </button>
      )}
    </div>
  );
}

/** The outcome in words: a status, or an alert by its code, with the way to sign in when that is why. */
export function OutcomeText({ outcome, openOptions }: { outcome: Outcome | null; openOptions: () => void }) {
  if (!outcome) return null;
  if (outcome.kind === 'ok')
    return (
      <p role="status" class="tl-ok">
        {outcome.text}
      </p>
    );
  return (
    <p role="alert" class="tl-error" data-code={outcome.code}>
      {outcome.text}{' '}
      {outcome.code === 'not_signed_in' && (
        <button type="button" class="tl-link" onClick={openOptions}>
          Open Token Lens options
        </button>
      )}
    </p>
  );
}
