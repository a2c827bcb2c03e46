/**
 * Finding elements by role and accessible name inside a page, through open shadow roots — for
 * Firefox, where WebDriver BiDi has no role query that enters a shadow root. It follows the
 * parts of the ARIA rules the extension's pages use: explicit `role`, the implicit roles of the
 * elements used, names from `aria-labelledby`, `aria-label`, `<label>`, then content. It never
 * looks at a class. Matching follows Playwright's: a string name matches case-insensitively as a
 * substring unless `exact`, then whole (whitespace collapsed); hidden elements do not count.
 *
 * Source text, not a function: it runs in the page as written (no compiler helpers in it).
 */
export type QueryStep =
  | { kind: 'role'; role: string; name?: { source: string; flags: string } | string; exact?: boolean }
  | { kind: 'label'; text: string; exact?: boolean }
  | { kind: 'text'; text: string; exact?: boolean }
  | { kind: 'hasText'; text: string };

export const ACCESSIBLE_QUERY_SOURCE = String.raw`(steps) => {
  const norm = (text) => (text || '').replace(/\s+/g, ' ').trim();
  const descendants = (scope) => {
    const found = [];
    const visit = (root) => {
      for (const element of root.querySelectorAll('*')) {
        found.push(element);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    if (scope.shadowRoot) visit(scope.shadowRoot);
    visit(scope);
    return found;
  };
  const visible = (element) => (element.checkVisibility ? element.checkVisibility() : true);
  const named = (element) => element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby');
  const roleOf = (element) => {
    const explicit = element.getAttribute('role');
    if (explicit) return explicit.split(' ')[0];
    const tag = element.localName;
    if (tag === 'button') return 'button';
    if (tag === 'a' && element.hasAttribute('href')) return 'link';
    if (tag === 'select') return element.multiple ? 'listbox' : 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      const type = (element.getAttribute('type') || 'text').toLowerCase();
      if (type === 'checkbox' || type === 'radio') return type;
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'search') return 'searchbox';
      if (type === 'password' || type === 'hidden') return null;
      return 'textbox';
    }
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'section') return named(element) ? 'region' : null;
    if (tag === 'form') return named(element) ? 'form' : null;
    if (tag === 'table') return 'table';
    if (tag === 'tr') return 'row';
    if (tag === 'fieldset') return 'group';
    if (tag === 'output') return 'status';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'main') return 'main';
    return null;
  };
  const labelText = (element) => {
    const labels = element.labels ? [...element.labels] : [];
    return norm(labels.map((label) => label.textContent).join(' '));
  };
  const FROM_CONTENT = new Set(['button', 'link', 'heading', 'listitem', 'tab', 'row', 'cell', 'option', 'menuitem', 'menuitemradio']);
  const nameOf = (element, role) => {
    const root = element.getRootNode();
    const by = element.getAttribute('aria-labelledby');
    if (by) return norm(by.split(/\s+/).map((id) => (root.getElementById ? root.getElementById(id) : null)?.textContent || '').join(' '));
    const label = element.getAttribute('aria-label');
    if (label) return norm(label);
    if (/^(input|select|textarea)$/.test(element.localName)) {
      const text = labelText(element);
      if (text) return text;
      return norm(element.getAttribute('title') || element.getAttribute('placeholder') || '');
    }
    if (FROM_CONTENT.has(role)) return norm(element.textContent);
    return norm(element.getAttribute('title') || '');
  };
  const matches = (actual, wanted, exact) => {
    if (wanted === undefined || wanted === null) return true;
    if (typeof wanted === 'object') return new RegExp(wanted.source, wanted.flags).test(actual);
    return exact ? actual === norm(wanted) : actual.toLowerCase().includes(norm(wanted).toLowerCase());
  };
  const step = (scopes, query) => {
    const out = new Set();
    for (const scope of scopes) {
      if (query.kind === 'hasText') {
        if (norm(scope.textContent).toLowerCase().includes(norm(query.text).toLowerCase())) out.add(scope);
        continue;
      }
      const candidates = descendants(scope).filter(visible);
      if (query.kind === 'role') {
        for (const element of candidates) {
          const role = roleOf(element);
          if (role === query.role && matches(nameOf(element, role), query.name, query.exact)) out.add(element);
        }
      } else if (query.kind === 'label') {
        for (const element of candidates) {
          if (!/^(input|select|textarea|button|output)$/.test(element.localName) && !element.hasAttribute('aria-label')) continue;
          const names = [labelText(element), norm(element.getAttribute('aria-label') || '')];
          const by = element.getAttribute('aria-labelledby');
          if (by) names.push(nameOf(element, roleOf(element)));
          if (names.some((name) => name && matches(name, query.text, query.exact))) out.add(element);
        }
      } else {
        const hits = candidates.filter(
          (element) => !/^(script|style|template)$/.test(element.localName) && matches(norm(element.textContent), query.text, query.exact),
        );
        const hitSet = new Set(hits);
        // The smallest elements holding the text, as a person would point at it.
        for (const element of hits) if (!descendants(element).some((inner) => hitSet.has(inner))) out.add(element);
      }
    }
    return [...out];
  };
  let scopes = [document.documentElement];
  for (const query of steps) scopes = step(scopes, query);
  return scopes;
}`;
