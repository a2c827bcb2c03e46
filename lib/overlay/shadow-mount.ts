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
  mountPoint: HTMLElement;
}

/** One of our elements with an open shadow root (open, so tests and assistive tools can reach it). */
export function mountShadow(doc: Document, tag: string): ShadowMount {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  styleShadow(shadow);
  const mountPoint = doc.createElement('div');
  shadow.append(mountPoint);
  return { host, mountPoint };
}
