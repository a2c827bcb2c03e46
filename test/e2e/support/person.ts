import type { Page } from 'playwright-core';

type AriaRole = Parameters<Page['getByRole']>[0];

/**
 * What a scenario may ask of a page, the way a person finds things: by role and name, by label,
 * by text. Playwright's `Locator` has exactly this shape, so in Chromium a scenario drives
 * Playwright itself; in Firefox `person-firefox.ts` gives the same answers over WebDriver BiDi.
 */
export interface Find {
  getByRole(role: AriaRole, options?: { name?: string | RegExp; exact?: boolean }): Found;
  getByLabel(text: string, options?: { exact?: boolean }): Found;
  getByText(text: string, options?: { exact?: boolean }): Found;
}

/** The elements a query found (it waits for them, up to a timeout, when acted on). */
export interface Found extends Find {
  filter(options: { hasText: string }): Found;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  check(): Promise<void>;
  focus(): Promise<void>;
  /** A key on the focused element: `Space`, `Enter`, `Escape`, `Tab`. */
  press(key: 'Space' | 'Enter' | 'Escape' | 'Tab'): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  textContent(): Promise<string | null>;
  inputValue(): Promise<string>;
  count(): Promise<number>;
  waitFor(options?: { timeout?: number }): Promise<void>;
}

export interface Tab extends Find {
  /** Ctrl+V (⌘V on a Mac) into the focused field, from the browser's own clipboard. */
  paste(): Promise<void>;
  /** A key pressed on whatever has the focus, as a person moves through a page by keyboard. */
  keyboard(key: 'Space' | 'Enter' | 'Escape' | 'Tab'): Promise<void>;
  /** Evaluates an expression in the page (source text: it runs in the page as written). */
  evaluate(expression: string): Promise<unknown>;
  screenshot(name: string): Promise<void>;
  /** `METHOD url` of every request made from this tab so far (its content scripts' included). */
  requestsMade(): string[];
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

export interface PlayedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}
export interface PlayedAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface Credentials {
  email: string;
  password: string;
}

/** One person's browser with the built extension loaded: Chromium or Firefox. */
export interface Person {
  readonly browserName: 'chromium' | 'firefox';
  /** An extension page (`options.html`, `popup.html?site=…`), once its script has drawn it. */
  openExtensionPage(path: string): Promise<Tab>;
  /** A reference Manage apps page, signing in on the service's own form when it asks. */
  openReferencePage(serviceUrl: string, host: string, who: Credentials): Promise<Tab>;
  /**
   * A tab on `url` whose every request to that URL's origin `answer` answers instead of the
   * network: a cloud site played on this machine (its page and its REST API).
   */
  openPlayedSite(url: string, answer: (request: PlayedRequest) => Promise<PlayedAnswer>): Promise<Tab>;
  /** The tab or window the extension opens while `action` runs. */
  tabOpenedBy(action: () => Promise<void>): Promise<Tab>;
  /** Errors the extension's pages, worker and content scripts logged (CSP violations included). */
  errorsLogged(): string[];
  close(): Promise<void>;
}
