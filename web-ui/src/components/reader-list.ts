import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReaderInfo } from '../agent-client';
import { panelStyles } from './shared-styles';

/** Fired when the user picks a reader; `detail` is its name. */
export type ReaderSelectedEvent = CustomEvent<string>;

/**
 * The agent's readers as radio buttons: the user chooses which one the page works with when there are
 * several (ARCHITECTURE section 6). Each row says whether a card is in it and whether another page holds it.
 */
@customElement('cardsync-reader-list')
export class ReaderList extends LitElement {
  static styles = [panelStyles, css`
    fieldset {
      border: 1px solid #c7c7c7;
      border-radius: 4px;
      margin: 0;
      padding: 0.5rem 0.75rem;
    }
    div {
      padding: 0.2rem 0;
    }
  `];

  @property({ attribute: false }) readers: ReaderInfo[] = [];
  @property({ attribute: false }) selected: string | null = null;
  @property({ type: Boolean }) disabled = false;

  private choose(name: string): void {
    this.dispatchEvent(new CustomEvent<string>('reader-selected', { detail: name, bubbles: true, composed: true }));
  }

  render() {
    if (this.readers.length === 0) {
      return html`<p data-testid="no-readers">No reader found. Plug in a card reader (or start the agent with
        <code>--simulated-card</code>).</p>`;
    }
    return html`
      <fieldset data-testid="reader-list">
        <legend>${this.readers.length > 1 ? 'Choose your reader' : 'Reader'}</legend>
        ${this.readers.map((r) => {
          const id = `reader-${this.readers.indexOf(r)}`;
          return html`
            <div data-testid="reader-item" data-reader=${r.name} data-card-present=${String(r.cardPresent)}>
              <input type="radio" name="reader" id=${id} data-testid="reader-radio" .value=${r.name}
                .checked=${r.name === this.selected} ?disabled=${this.disabled}
                @change=${() => this.choose(r.name)} />
              <label for=${id}>
                <span data-testid="reader-name">${r.name}</span>${r.simulated ? ' (simulated)' : ''}:
                <span data-testid="reader-card-state" class=${r.cardPresent ? 'ok' : 'warn'}>${
                  r.cardPresent ? 'card present' : 'card absent'}</span>${
                  r.inUse && !r.heldByYou ? html` <span class="warn">(in use by another page)</span>` : nothing}
              </label>
            </div>`;
        })}
      </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-reader-list': ReaderList;
  }
  interface HTMLElementEventMap {
    'reader-selected': ReaderSelectedEvent;
  }
}
