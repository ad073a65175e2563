import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { describeOutcome, describeSettlement, type SyncOutcome, type SyncStep } from '../card-sync';
import { panelStyles } from './shared-styles';

const MARKS: Record<SyncStep['state'], string> = {
  pending: '\u25cb', // ○
  running: '\u25d4', // ◔
  done: '\u2713', // ✓
  failed: '\u2717', // ✗
  skipped: '\u2013', // –
};

/** One synchronisation, step by step, then its outcome or its error. */
@customElement('cardsync-sync-progress')
export class SyncProgress extends LitElement {
  static styles = [panelStyles, css`
    ol {
      list-style: none;
      padding: 0;
      margin: 0.5rem 0;
    }
    li {
      padding: 0.15rem 0;
    }
    .mark {
      display: inline-block;
      width: 1.5rem;
      font-weight: 700;
    }
    li[data-state='pending'] {
      color: #666;
    }
    li[data-state='done'] .mark {
      color: #0a6b2a;
    }
    li[data-state='failed'] {
      color: #b00020;
    }
    .detail {
      color: #444;
      font-size: 0.9rem;
      margin-left: 1.5rem;
      display: block;
    }
    li[data-state='failed'] .detail {
      color: #b00020;
    }
    .outcome {
      font-weight: 600;
      font-size: 1.05rem;
    }
  `];

  @property({ attribute: false }) steps: SyncStep[] = [];
  @property({ attribute: false }) outcome: SyncOutcome | null = null;
  @property({ attribute: false }) error: { code: string; message: string } | null = null;

  render() {
    if (this.steps.length === 0) {
      return nothing;
    }
    return html`
      <ol data-testid="sync-steps" aria-live="polite">
        ${this.steps.map((s) => html`
          <li data-testid="sync-step" data-step=${s.key} data-state=${s.state}>
            <span class="mark" aria-hidden="true">${MARKS[s.state]}</span>
            <span>${s.label}</span><span class="visually-hidden">: ${s.state}</span>
            ${s.detail ? html`<span class="detail">${s.detail}</span>` : nothing}
          </li>`)}
      </ol>
      ${this.outcome ? this.renderOutcome(this.outcome) : nothing}
      ${this.error ? html`
        <p role="alert" class="error" data-testid="sync-error">
          Synchronisation failed: <code data-testid="sync-error-code">${this.error.code}</code>
          <span data-testid="sync-error-message">${this.error.message}</span>
        </p>` : nothing}`;
  }

  private renderOutcome(o: SyncOutcome) {
    return html`
      <div role="status" data-testid="sync-outcome">
        <p class="outcome ok" data-testid="sync-applied">${describeOutcome(o)}</p>
        <dl>
          <dt>Balance</dt><dd data-testid="sync-balance">${o.before.balance} \u2192 ${o.after.balance}</dd>
          <dt>Action counter</dt><dd>${o.before.ca} \u2192 ${o.after.ca}</dd>
          <dt>Settled on the acknowledgement</dt>
          <dd data-testid="sync-settlement-ack">${describeSettlement(o.ackSettlement)}</dd>
          <dt>Settled on the request</dt>
          <dd data-testid="sync-settlement-request">${describeSettlement(o.requestSettlement)}</dd>
        </dl>
        ${o.cardRefusal ? html`<p class="warn">The card refused a command (${o.cardRefusal}); the server has
          counted what ran from the card's signed counter and will resend or report the rest.</p>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-sync-progress': SyncProgress;
  }
}
