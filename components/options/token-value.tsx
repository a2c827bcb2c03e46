import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A new token's value, shown this once: *Copy* and *Download*, and a plain warning. The value
 * lives only in this component's props; closing it forgets it.
 */
export function TokenValue({
  value,
  description,
  onClose,
  writeClipboard = (text) => navigator.clipboard.writeText(text),
}: {
  value: string;
  description: string;
  onClose: () => void;
  writeClipboard?: (text: string) => Promise<void>;
}) {
  const [copied, setCopied] = useState<'copied' | 'refused' | null>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => copyRef.current?.focus(), []);

  const copy = async () => {
    try {
      await writeClipboard(value);
      setCopied('copied');
    } catch {
      setCopied('refused');
    }
  };
  const download = () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([`${value}\n`], { type: 'text/plain' }));
    link.download = `token-lens-${description.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase() || 'token'}.txt`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div role="dialog" aria-label="Your new token" class="tl-token-value">
      <p>
        <strong>Save this token now: it will not be shown again.</strong> Token Lens keeps only its description and
        settings.
      </p>
      <output aria-label="Token value">
        <code>{value}</code>
      </output>
      <div class="tl-row">
        <button type="button" ref={copyRef} onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={download}>
          Download
        </button>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
      {copied === 'copied' && <p role="status">Copied.</p>}
      {copied === 'refused' && (
        <p role="alert" class="tl-error" data-code="clipboard_refused">
          The browser did not allow copying: select the value and copy it by hand, or download it.
        </p>
      )}
    </div>
  );
}
