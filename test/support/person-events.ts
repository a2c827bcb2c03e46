import { fireEvent } from '@testing-library/preact';

/**
 * Events as a person's input makes them. happy-dom has no `isTrusted` (real browsers set it only
 * for input events they generate), so tests mark an event trusted here, the one thing the
 * overlay's controls check; an event fired plainly with `fireEvent` plays a page script's.
 */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

export const person = {
  click: (element: Element) =>
    fireEvent(element, trusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }))),
  keyDown: (element: Element, init: KeyboardEventInit) =>
    fireEvent(element, trusted(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }))),
  change: (element: HTMLSelectElement | HTMLInputElement, value: string) => {
    element.value = value;
    return fireEvent(element, trusted(new Event('change', { bubbles: true })));
  },
  input: (element: HTMLInputElement, value: string) => {
    element.value = value;
    return fireEvent(element, trusted(new Event('input', { bubbles: true })));
  },
  submit: (form: HTMLFormElement) => fireEvent(form, trusted(new Event('submit', { bubbles: true, cancelable: true }))),
};
