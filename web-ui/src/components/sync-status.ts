import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ProgressItem } from '../words/sync';
import { panelStyles } from './shared-styles';

/**
 * A synchronisation as the customer sees it: each change of the script in words as it reaches the card,
 * then the outcome in sentences, announced by its role="status". After a run the customer started the portal
 * moves the focus to it ({@link focusOutcome}), so a keyboard user lands on what happened.
 */
@customElement('cardsync-sync-status')
export class SyncStatus extends LitElement {
  static styles = [panelStyles, css`
    ul {
      list-style: none;
      padding: 0;
      margin: 0.25rem 0;
    }
    li::before {
      display: inline-block;
      width: 1.4rem;
      content: '\u25cb';
    }
    li[data-state='on-card']::before {
      content: '\u2713';
      color: #0a6b2a;
      font-weight: 700;
    }
    .outcome:focus {
      outline: 3px solid #f0a500;
      outline-offset: 2px;
    }
  `];

  @property({ type: Boolean }) running = false;
  @property({ attribute: false }) items: ProgressItem[] = [];
  @property({ attribute: false }) outcome: string[] = [];
  @property() outcomeKind: 'done' | 'interrupted' | 'failed' | '' = '';
  /** A card is in the reader: an outcome that is not `done` offers "Try again" (fires `sync-again`). */
  @property({ type: Boolean }) canRetry = false;

  async focusOutcome(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  render() {
    if (!this.running && this.outcome.length === 0) {
      return nothing;
    }
    return html`
      <div data-testid="sync-status" data-running=${this.running ? 'yes' : 'no'}>
        ${this.running ? html`<p role="status"><strong>Bringing your card up to date\u2026</strong> Keep it in the
          reader.</p>` : nothing}
        ${this.items.length ? html`<ul data-testid="sync-progress" aria-label="Changes being applied">
          ${this.items.map((i) => html`<li data-testid="sync-item" data-state=${i.state}
            data-change-id=${i.changeId ?? ''}>${i.label}${i.state === 'on-card' ? html`<span
            class="visually-hidden"> (on your card)</span>` : nothing}</li>`)}
        </ul>` : nothing}
        ${!this.running && this.outcome.length ? html`
          <div class="outcome ${this.outcomeKind === 'done' ? 'ok' : this.outcomeKind === 'failed' ? 'error' : 'warn'}"
            tabindex="-1" role="status" data-testid="sync-outcome" data-outcome=${this.outcomeKind}>
            ${this.outcome.map((line) => html`<p>${line}</p>`)}
          </div>
          ${this.outcomeKind !== 'done' && this.canRetry ? html`<button class="secondary" data-testid="sync-retry"
            @click=${() => this.dispatchEvent(new CustomEvent('sync-again', { bubbles: true, composed: true }))}>Try
            again</button>` : nothing}` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-sync-status': SyncStatus;
  }
}
