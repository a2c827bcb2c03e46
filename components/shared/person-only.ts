/**
 * Runs `handler` only for an event the browser says a person caused (`isTrusted`). The overlay
 * lives in open shadow roots on someone else's page, whose scripts can reach every control and
 * call `.click()` or dispatch keys: such a synthesised event would act with the person's session.
 * A refused event still has its default prevented, so a script cannot check a radio or submit a
 * form by it either.
 */
export function personOnly<E extends Event>(handler: (event: E) => unknown): (event: E) => void {
  return (event) => {
    if (!event.isTrusted) {
      event.preventDefault();
      return;
    }
    void handler(event);
  };
}
