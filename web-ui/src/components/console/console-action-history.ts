import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PAGE_SIZE, type ConsoleApi } from '../../console-api';
import type { ActionPage } from '../../console-types';
import { actionStateWords } from '../../words/console';
import { consoleErrorSentence } from '../../words/console-errors';
import { panelStyles } from '../shared-styles';
import { tableStyles } from './console-styles';
import './console-action-list';

const STATES = ['', 'QUEUED', 'IN_FLIGHT', 'EXECUTED', 'FAILED', 'CANCELLED'] as const;

/**
 * Every action of the application, newest first, a page at a time and narrowed by state (`all-actions`):
 * for what the detail's ten recent ones do not reach back to. Loaded when opened; its rows offer the same
 * Cancel/Retry as the lists above.
 */
@customElement('console-action-history')
export class ConsoleActionHistory extends LitElement {
  static styles = [panelStyles, tableStyles, css`
    summary {
      cursor: pointer;
      font-weight: 600;
    }
    .filter {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .filter label {
      margin: 0;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ type: Number }) applicationId = 0;
  @property() currency = 'XXX';

  @state() private open = false;
  @state() private filter = '';
  @state() private page = 0;
  @state() private result: ActionPage | null = null;
  @state() private error = '';
  private asked = 0;

  /** Asks again for the page shown, if open (a live change, an act). */
  reload(): void {
    if (this.open) {
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const ask = ++this.asked;
    try {
      const result = await this.api.actions(this.applicationId, this.filter, this.page);
      if (ask === this.asked) {
        this.result = result;
        this.error = '';
      }
    } catch (e) {
      if (ask === this.asked) {
        this.error = consoleErrorSentence(e);
      }
    }
  }

  private toggled(e: Event): void {
    this.open = (e.target as HTMLDetailsElement).open;
    this.reload();
  }

  private show(filter: string, page: number): void {
    this.filter = filter;
    this.page = page;
    void this.load();
  }

  render() {
    const result = this.result;
    const lastPage = result ? Math.max(0, Math.ceil(result.total / PAGE_SIZE) - 1) : 0;
    return html`<details data-testid="all-actions" @toggle=${this.toggled}>
      <summary>All actions</summary>
      <div class="filter">
        <label for="actions-state">State</label>
        <select id="actions-state" data-testid="all-actions-state" .value=${this.filter}
          @change=${(e: Event) => this.show((e.target as HTMLSelectElement).value, 0)}>
          ${STATES.map((s) => html`<option value=${s} ?selected=${s === this.filter}>
            ${s ? actionStateWords(s) : 'Any state'}</option>`)}
        </select>
      </div>
      <p class="hint" role="status">${result ? (result.total === 0 ? 'No action in this state.'
        : `Page ${result.page + 1} of ${lastPage + 1}: ${result.total} ${result.total === 1 ? 'action' : 'actions'}, newest first.`)
        : ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${result && result.items.length ? html`<console-action-list .actions=${result.items} currency=${this.currency}
        label="All actions"></console-action-list>` : nothing}
      ${result && result.total > PAGE_SIZE ? html`<div class="pager">
        <button class="secondary" data-testid="all-actions-prev" ?disabled=${this.page <= 0}
          @click=${() => this.show(this.filter, this.page - 1)}>Newer</button>
        <button class="secondary" data-testid="all-actions-next" ?disabled=${this.page >= lastPage}
          @click=${() => this.show(this.filter, this.page + 1)}>Older</button>
      </div>` : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-action-history': ConsoleActionHistory;
  }
}
