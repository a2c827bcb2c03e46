// The API reference: Swagger UI on the service's own OpenAPI document, served from this origin.
// A script file rather than an inline one, so that the page's CSP can keep script-src 'self'.

(() => {
  // Swagger UI has a dark theme behind html.dark-mode; follow the system's choice, as the other pages do.
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const followScheme = () => document.documentElement.classList.toggle('dark-mode', dark.matches);
  followScheme();
  dark.addEventListener('change', followScheme);

  const root = document.getElementById('swagger-ui');
  if (!root || typeof window.SwaggerUIBundle !== 'function') return;
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    // No deep links: each would be a link inside the operation's own toggle button, which
    // keyboard and screen-reader users cannot reach on its own (axe: nested-interactive).
    deepLinking: false,
    displayOperationId: true,
    // Nothing leaves this origin: no validator badge (it would send the document to swagger.io),
    // and no ?url= or ?configUrl= that could point the page at another document.
    validatorUrl: null,
    queryConfigEnabled: false,
    // A token typed into Authorize lives as long as the tab, never in localStorage.
    persistAuthorization: false,
    // Landmarks and an outline for Swagger UI's own parts: its title and server picker sit outside
    // any landmark, and its tags are h3s right under its h1 (an h2 for the operations mends that).
    plugins: [
      (system) => {
        const h = system.React.createElement;
        const inRegion = (label) => (Original) => (props) => h('section', { 'aria-label': label }, h(Original, props));
        return {
          wrapComponents: {
            InfoContainer: inRegion('About this API'),
            ServersContainer: inRegion('Server'),
            operations: (Original) => (props) =>
              h(
                system.React.Fragment,
                null,
                h('h2', { className: 'docs-visually-hidden' }, 'Operations'),
                h(Original, props),
              ),
          },
        };
      },
    ],
    // Swagger UI draws the server picker with no label of its own.
    onComplete: () => document.getElementById('servers')?.setAttribute('aria-label', 'Server'),
  });
})();
