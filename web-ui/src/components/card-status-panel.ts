import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CardStatus } from '../card-apdus';
import { panelStyles } from './shared-styles';

/**
 * The card's GET STATUS record. It is labelled as what it is: display data the card sends without a
 * MAC, which anything between the card and this page could change; the server relies only on the
 * card's signed messages.
 */
@customElement('cardsync-card-status')
export class CardStatusPanel extends LitElement {
  static styles = [panelStyles];

  @property({ attribute: false }) status: CardStatus | null = null;
  @property() reader = '';

  render() {
    const s = this.status;
    if (!s) {
      return html``;
    }
    return html`
      <dl data-testid="card-status">
        <dt>Card</dt><dd data-testid="card-id"><code>${s.cardId}</code></dd>
        <dt>Application (AID)</dt><dd data-testid="card-aid"><code>${s.aid}</code></dd>
        <dt>State</dt><dd data-testid="card-state">${s.state}</dd>
        <dt>Balance</dt><dd data-testid="card-balance">${s.balance}</dd>
        <dt>Purse limit</dt><dd data-testid="card-purse-limit">${s.purseLimit}</dd>
        <dt>Action counter (CA)</dt><dd data-testid="card-ca">${s.ca}</dd>
        <dt>Transaction counter (ATC)</dt><dd data-testid="card-atc">${s.atc}</dd>
        <dt>PIN tries left</dt><dd data-testid="card-pin-tries">${s.pinTriesRemaining}</dd>
      </dl>
      <p class="hint" data-testid="card-status-note">Read from the card in <em>${this.reader}</em> without
        authentication: for your information only. The server relies only on the card's signed messages.</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-card-status': CardStatusPanel;
  }
}
