import type { ErrorValue } from '../../lib/domain/reply';

/** An error said in words, announced, and marked with its code (what tests and styles key on). */
export function ErrorText({ error, as = 'span', id }: { error: ErrorValue; as?: 'span' | 'p'; id?: string }) {
  const Tag = as;
  return (
    <Tag id={id} role="alert" class={as === 'p' ? 'tl-message tl-error' : 'tl-error'} data-code={error.code}>
      {error.message}
    </Tag>
  );
}
