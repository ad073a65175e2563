import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CardProof } from '../card-authenticate';
import type { PortalApi } from '../portal-api';
import { asCodedError, errorSentence } from '../words/errors';
import { panelStyles } from './shared-styles';

/** Activation codes: groups of four letters and digits (no 0, O, 1, I), as printed on the card's letter. */
const ACTIVATION_CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** "abcd efgh-jklm" → "ABCD-EFGH-JKLM": what people type, as the code is printed. */
export function normaliseActivationCode(text: string): string {
  const compact = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length === 12 ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : text.trim().toUpperCase();
}

/**
 * Link a card: the activation code that came with it, and the card itself in the reader, which signs a fresh
 * server challenge (`prove`, run by the portal on the reader it holds).
 */
@customElement('cardsync-link-card')
export class LinkView extends LitElement {
  static styles = [panelStyles, css`
    input {
      width: 100%;
      max-width: 16rem;
      text-transform: uppercase;
    }
    button {
      margin-top: 0.75rem;
    }
  `];

  @property({ attribute: false }) api!: PortalApi;
  @property({ attribute: false }) prove: (() => Promise<CardProof>) | null = null;
  @property({ type: Boolean }) cardPresent = false;

  @state() private error = '';
  @state() private busy = false;
  @state() private linked = '';

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const code = normaliseActivationCode(String(new FormData(e.target as HTMLFormElement).get('code') ?? ''));
    if (!ACTIVATION_CODE.test(code)) {
      this.error = 'Enter the activation code as printed on your card\u2019s letter, like ABCD-EFGH-JKLM.';
      return;
    }
    if (!this.prove || !this.cardPresent) {
      this.error = 'Put the new card in your card reader first.';
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const proof = await this.prove();
      const card = await this.api.link({ ...proof, activationCode: code });
      this.linked = card.cardId.slice(-4);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-testid="link-done"]')?.focus());
      this.dispatchEvent(new CustomEvent('portal-changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = errorSentence(asCodedError(err));
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <p><a href="#/cards">\u2190 My cards</a></p>
      <section aria-labelledby="link-heading">
        <h2 id="link-heading" tabindex="-1">Link a new card</h2>
        ${this.linked ? html`<p class="ok" role="status" tabindex="-1" data-testid="link-done">Your card ending ${this.linked} is now
          linked to your account. <a href="#/cards">See it in My cards</a>.</p>` : html`
          <p>Put the new card in your card reader and enter the activation code from the letter that came with it.
            The card proves it is in your reader; the code proves it was sent to you.</p>
          ${this.cardPresent ? nothing : html`<p class="warn">No card in the reader yet.</p>`}
          <form @submit=${this.submit} novalidate>
            <label for="code">Activation code</label>
            <input id="code" name="code" data-testid="activation-code" autocomplete="one-time-code"
              placeholder="ABCD-EFGH-JKLM" spellcheck="false" />
            <div><button type="submit" data-testid="link-submit" ?disabled=${this.busy}>${this.busy ? 'Linking\u2026'
              : 'Link the card'}</button></div>
          </form>`}
        ${this.error ? html`<p class="error" role="alert" data-testid="link-error">${this.error}</p>` : nothing}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-link-card': LinkView;
  }
}
