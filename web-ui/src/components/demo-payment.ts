import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { PortalApi } from '../portal-api';
import type { Payment } from '../portal-types';
import { asCodedError, errorSentence } from '../words/errors';
import { formatMoney } from '../words/format';
import { panelStyles } from './shared-styles';

/**
 * The demo payment provider of the project's own (pay.html?payment=<id>): shows the amount, and Pay or
 * Decline, then sends the customer back to the portal's top-up page, which shows the outcome. It moves no
 * money and exists only in the demo, dev and test profiles (the backend answers 404 in prod).
 */
@customElement('cardsync-demo-payment')
export class DemoPayment extends LitElement {
  static styles = [panelStyles, css`
    :host {
      font-family: system-ui, sans-serif;
      line-height: 1.45;
      max-width: 30rem;
      margin: 0 auto;
      padding: 1rem 0.75rem;
    }
    .banner {
      background: #8a4b00;
      color: #fff;
      padding: 0.5rem 0.75rem;
      border-radius: 4px;
      font-weight: 700;
    }
    .amount {
      font-size: 1.8rem;
      font-variant-numeric: tabular-nums;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
  `];

  private readonly api = new PortalApi();
  private readonly paymentId = new URLSearchParams(window.location.search).get('payment');

  @state() private payment: Payment | null = null;
  @state() private error = '';
  @state() private busy = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.paymentId) {
      this.error = 'This page needs a payment to show. Start a top-up from your cards.';
      return;
    }
    try {
      await this.api.session(); // sets the CSRF cookie if this tab has none yet
      this.payment = await this.api.payment(this.paymentId);
    } catch (e) {
      this.error = errorSentence(asCodedError(e));
    }
  }

  private async complete(outcome: 'PAID' | 'DECLINED'): Promise<void> {
    if (!this.paymentId) {
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const payment = await this.api.completeDemoPayment(this.paymentId, outcome);
      window.location.assign(`/#/applications/${payment.applicationId}/top-up?payment=${encodeURIComponent(this.paymentId)}`);
    } catch (e) {
      this.error = errorSentence(asCodedError(e));
      this.busy = false;
    }
  }

  render() {
    const p = this.payment;
    return html`
      <p class="banner" role="note" data-testid="demo-payment-banner">Demo payment \u2014 no money moves</p>
      <section aria-labelledby="pay-heading">
        <h1 id="pay-heading">Pay for your top-up</h1>
        ${p ? html`
          <p class="amount" data-testid="payment-amount">${formatMoney(p.amount, p.currency)}</p>
          ${p.state === 'PENDING' ? html`
            <p>This page stands in for your bank in the demo. Choose what the bank would answer.</p>
            <div class="row">
              <button data-testid="pay-button" ?disabled=${this.busy} @click=${() => this.complete('PAID')}>Pay</button>
              <button class="secondary" data-testid="decline-button" ?disabled=${this.busy}
                @click=${() => this.complete('DECLINED')}>Decline</button>
            </div>` : html`<p>This payment is already ${p.state === 'PAID' ? 'paid' : 'declined'}.
              <a href=${`/#/applications/${p.applicationId}/top-up?payment=${encodeURIComponent(String(p.paymentId))}`}>Back
              to your card</a></p>`}` : nothing}
        ${this.error ? html`<p class="error" role="alert" data-testid="payment-error">${this.error}</p>` : nothing}
        <p><a href="/#/cards">Cancel and go back to my cards</a></p>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-demo-payment': DemoPayment;
  }
}
