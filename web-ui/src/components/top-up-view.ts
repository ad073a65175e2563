import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { applicationsOf, type PortalApi } from '../portal-api';
import type { Payment, PortalApplication } from '../portal-types';
import { sameOriginUrl } from '../same-origin';
import { amountProblemWords, maxTopUpWords } from '../words/amounts';
import { noTopUpWords } from '../words/changes';
import { asCodedError, errorSentence } from '../words/errors';
import { formatMoney, parseAmount } from '../words/format';
import { panelStyles } from './shared-styles';

/**
 * Top up: an amount checked against what the card can still take (maxTopUp: purse limit minus balance
 * minus top-ups already waiting) before anything is sent, then the payment page. Coming back from it
 * (`?payment=<id>`), the payment's outcome; a paid one fires `payment-paid` so the portal can apply it.
 */
@customElement('cardsync-top-up')
export class TopUpView extends LitElement {
  static styles = [panelStyles, css`
    input {
      width: 10rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.5rem;
    }
    .outcome:focus {
      outline: 3px solid #f0a500;
    }
  `];

  @property({ attribute: false }) api!: PortalApi;
  @property({ attribute: false }) app!: PortalApplication;
  /** The payment the customer comes back from, if any. */
  @property() paymentId: string | null = null;

  @state() private error = '';
  @state() private busy = false;
  @state() private payment: Payment | null = null;

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has('paymentId') && this.paymentId) {
      void this.loadPayment(this.paymentId);
    }
  }

  private async loadPayment(id: string): Promise<void> {
    try {
      this.payment = await this.api.payment(id);
      if (this.payment.state === 'PAID') {
        this.dispatchEvent(new CustomEvent('payment-paid', { detail: this.payment, bubbles: true, composed: true }));
      }
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
    } catch (e) {
      this.error = errorSentence(asCodedError(e));
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const app = this.app;
    const parsed = parseAmount(String(new FormData(e.target as HTMLFormElement).get('amount') ?? ''), app.currency);
    if (!parsed.ok) {
      this.error = amountProblemWords(parsed.problem, app.currency, 20);
      return;
    }
    if (parsed.minor > app.maxTopUp) {
      this.error = maxTopUpWords(app);
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const started = await this.api.startTopUp(app.id, parsed.minor);
      const paymentUrl = sameOriginUrl(started.paymentUrl);
      if (!paymentUrl) {
        this.error = errorSentence({ code: 'INVALID_ANSWER', message: '' });
        this.busy = false;
        return;
      }
      window.location.assign(paymentUrl);
    } catch (err) {
      const coded = asCodedError(err);
      this.error = coded.code === 'AMOUNT_OVER_LIMIT' ? await this.overLimit() ?? errorSentence(coded)
        : errorSentence(coded);
      this.busy = false;
    }
  }

  /**
   * The server found the amount over what the card can take (another top-up or a payment came meanwhile): the
   * application afresh, and the most it takes now from it, in the customer's locale; null if it cannot be read.
   */
  private async overLimit(): Promise<string | null> {
    try {
      const fresh = applicationsOf(await this.api.cards()).find((a) => a.id === this.app.id);
      this.dispatchEvent(new CustomEvent('portal-changed', { detail: this.app.id, bubbles: true, composed: true }));
      return fresh ? maxTopUpWords(fresh) : null;
    } catch {
      return null;
    }
  }

  render() {
    const app = this.app;
    const noTopUp = noTopUpWords(app);
    return html`
      <p><a href=${`#/applications/${app.id}`}>\u2190 ${app.productName}</a></p>
      <section aria-labelledby="top-up-heading">
        <h2 tabindex="-1" id="top-up-heading">Top up ${app.productName}</h2>
        ${this.payment ? this.outcome(this.payment) : nothing}
        ${noTopUp ? html`<p data-testid="top-up-unavailable">${noTopUp}</p>` : app.maxTopUp <= 0 ? html`<p>Your card is full: it holds up to ${formatMoney(app.purseLimit, app.currency)},
          counting top-ups still waiting for it.</p>` : html`
          <form @submit=${this.submit} novalidate>
            <label for="amount">Amount (${app.currency.code})</label>
            <p class="hint" id="amount-hint">You can add up to ${formatMoney(app.maxTopUp, app.currency)} now.</p>
            <div class="row">
              <input id="amount" name="amount" inputmode="decimal" autocomplete="off" data-testid="top-up-amount"
                aria-describedby="amount-hint" aria-invalid=${this.error ? 'true' : 'false'} />
              <button type="submit" data-testid="top-up-submit" ?disabled=${this.busy}>Continue to payment</button>
            </div>
          </form>`}
        ${this.error ? html`<p class="error" role="alert" data-testid="top-up-error">${this.error}</p>` : nothing}
      </section>`;
  }

  private outcome(p: Payment) {
    const amount = formatMoney(p.amount, p.currency ?? this.app.currency);
    const text = p.state === 'PAID'
      ? `Payment received. ${amount} will be added to your card the next time you connect it; if it is in the reader now, `
        + 'that happens at once.'
      : p.state === 'DECLINED'
        ? `The payment of ${amount} was declined. Nothing was charged and nothing will be added to your card.`
        : 'The payment is not finished yet.';
    return html`<div class="outcome ${p.state === 'PAID' ? 'ok' : 'warn'}" tabindex="-1" role="status"
      data-testid="payment-outcome" data-payment-state=${p.state}><p>${text}</p></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-top-up': TopUpView;
  }
}
