import overlayCss from '../../components/overlay/overlay.css?inline';

function makeSheet(): CSSStyleSheet | undefined {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(overlayCss);
    return sheet;
  } catch {
    return undefined;
  }
}

/** One stylesheet object shared by every shadow root: parsed once, however many rows. */
let shared: CSSStyleSheet | undefined | null = null;

function styleShadow(shadow: ShadowRoot): void {
  if (shared === null) shared = makeSheet();
  if (shared) {
    try {
      shadow.adoptedStyleSheets = [shared];
      return;
    } catch {
      // Some content-script worlds refuse a sheet made in another realm; a <style> element always works.
    }
  }
  const style = document.createElement('style');
  style.textContent = overlayCss;
  shadow.append(style);
}

export interface ShadowMount {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** An empty `div` in the shadow root, to render into. */
  mountPoint: HTMLElement;
}

/**
 * One of our elements with an open shadow root (open, so tests and assistive tools can reach it)
 * that carries the overlay's stylesheet, and an empty `div` in it to render into.
 */
export function mountShadow(doc: Document, tag: string): ShadowMount {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  styleShadow(shadow);
  const mountPoint = doc.createElement('div');
  shadow.append(mountPoint);
  return { host, shadow, mountPoint };
}

/** The same without the `div`, for content of the caller's own (a row's badge). */
export function attachStyledShadow(doc: Document, tag: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  styleShadow(shadow);
  return { host, shadow };
}
