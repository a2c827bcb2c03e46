import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** The shortcut the browser gives the toolbar button, as the person may have changed it. */
async function popupShortcut(): Promise<string | null> {
  try {
    const commands = await browser.commands.getAll();
    const action = commands.find(
      (command) => command.name === '_execute_action' || command.name === '_execute_browser_action',
    );
    return action?.shortcut || null;
  } catch {
    return null;
  }
}

/**
 * What a first install shows above the sign-in (`options.html?welcome=1`): the three steps from
 * nothing to badges on a Manage apps page.
 */
export function Welcome({ readShortcut = popupShortcut }: { readShortcut?: () => Promise<string | null> }) {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    void readShortcut().then(setShortcut);
  }, []);
  return (
    <section aria-labelledby="welcome-heading" class="tl-welcome">
      <h2 id="welcome-heading">Welcome to Token Lens</h2>
      <ol>
        <li>
          Check the <strong>Service URL</strong> below: the reference service that <code>npm start</code> runs, or your
          team’s own.
        </li>
        <li>
          <strong>Sign in</strong> with your Token Lens service account. Token Lens never asks for your Atlassian
          password or API token.
        </li>
        <li>
          Open a test site’s <em>Manage apps</em> page: every app shows its access token and license state, with
          one-click switches. The toolbar button{shortcut ? ` (${shortcut})` : ''} lists every token of the site and its
          apps.
        </li>
      </ol>
    </section>
  );
}
