import { html } from 'hono/html';
import { layout } from './layout';

export function signInPage(options: { next: string; error?: string; email?: string }) {
  return layout(
    'Sign in',
    html`<main class="tl-narrow">
      <h1>Sign in</h1>
      <p>Sign in with your Token Lens service account to see your emulated sites.</p>
      ${options.error ? html`<p class="tl-error" role="alert">${options.error}</p>` : ''}
      <form method="post" action="/sign-in" class="tl-form">
        <input type="hidden" name="next" value="${options.next}" />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="${options.email ?? ''}" />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" class="aui-button aui-button-primary">Sign in</button>
      </form>
    </main>`,
  );
}
