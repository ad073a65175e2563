import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { SessionApi } from '../session-api';
import type { SessionInfo } from '../portal-types';
import { asCodedError, errorSentence } from '../words/errors';
import { panelStyles } from './shared-styles';

/** The sign-in form. Fires `signed-in` with the session; errors are sentences, never codes. */
@customElement('cardsync-sign-in')
export class SignInView extends LitElement {
  static styles = [panelStyles, css`
    form {
      max-width: 22rem;
    }
    input {
      width: 100%;
    }
    button {
      margin-top: 1rem;
    }
  `];

  @property({ attribute: false }) api!: SessionApi;
  /** Why the user is here (session ended), shown above the form. */
  @property() notice = '';

  @state() private error = '';
  @state() private busy = false;
  @query('#username') private username!: HTMLInputElement;

  focus(): void {
    void this.updateComplete.then(() => this.username?.focus());
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const session: SessionInfo = await this.api.signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (err) {
      this.error = errorSentence(asCodedError(err));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="sign-in-error"]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <section aria-labelledby="sign-in-heading">
        <h2 tabindex="-1" id="sign-in-heading">Sign in</h2>
        ${this.notice ? html`<p class="warn" role="status" data-testid="sign-in-notice">${this.notice}</p>` : nothing}
        <form data-testid="sign-in-form" @submit=${this.submit}>
          <label for="username">User name</label>
          <input id="username" name="username" data-testid="username" autocomplete="username" required />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" data-testid="password" autocomplete="current-password"
            required />
          ${this.error ? html`<p class="error" role="alert" tabindex="-1" data-testid="sign-in-error">${this.error}</p>`
            : nothing}
          <button type="submit" data-testid="sign-in-submit" ?disabled=${this.busy}>
            ${this.busy ? 'Signing in\u2026' : 'Sign in'}</button>
        </form>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-sign-in': SignInView;
  }
}
