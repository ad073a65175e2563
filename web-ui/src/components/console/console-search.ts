import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PAGE_SIZE, type ConsoleApi } from '../../console-api';
import { consoleHash, type ConsoleRoute } from '../../console-router';
import type { CardPage } from '../../console-types';
import { applicationLineWords, customerWords, searchCountWords, searchWords } from '../../words/console';
import { consoleErrorSentence } from '../../words/console-errors';
import { panelStyles } from '../shared-styles';
import { tableStyles } from './console-styles';

/** Live notices within this time are answered by one reload. */
const LIVE_RELOAD_MS = 1000;

type SearchRoute = Extract<ConsoleRoute, { name: 'search' }>;

/**
 * Search cards by card id (prefix), customer name or e-mail (anywhere), paged. The query and the page are
 * in the URL (#/search?q=&page=), so a search can be bookmarked, shared and gone back to. "/" anywhere on
 * the page puts the focus in the search field.
 */
@customElement('console-search')
export class ConsoleSearch extends LitElement {
  static styles = [panelStyles, tableStyles, css`
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    input[type='search'] {
      flex: 1 1 16rem;
    }
    .card-id {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) route: SearchRoute = { name: 'search', q: '', page: 0 };

  @state() private result: CardPage | null = null;
  @state() private error = '';
  @state() private loading = false;
  @query('#search-input') private input?: HTMLInputElement;
  /** Answers to an older search are dropped: only the last one asked is shown. */
  private asked = 0;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly onKey = (e: KeyboardEvent) => {
    const target = e.composedPath()[0];
    const typing = target instanceof HTMLElement && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
      || target.isContentEditable);
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      this.input?.focus();
    }
  };

  connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
    clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>): void {
    const before = changed.get('route') as SearchRoute | undefined;
    if (changed.has('route') && (!before || before.q !== this.route.q || before.page !== this.route.page)) {
      void this.load();
    }
  }

  /**
   * The live notices: whatever changed may be on this page (pending counts, alerts), so it is asked again,
   * once for all the notices of a second (a busy issuer sends many).
   */
  liveChanged(): void {
    if (this.liveTimer === undefined) {
      this.liveTimer = setTimeout(() => {
        this.liveTimer = undefined;
        void this.load();
      }, LIVE_RELOAD_MS);
    }
  }

  private async load(): Promise<void> {
    const ask = ++this.asked;
    this.loading = true;
    try {
      const result = await this.api.searchCards(this.route.q, this.route.page);
      if (ask === this.asked) {
        this.result = result;
        this.error = '';
      }
    } catch (e) {
      if (ask === this.asked) {
        this.error = consoleErrorSentence(e);
      }
    } finally {
      if (ask === this.asked) {
        this.loading = false;
      }
    }
  }

  private submit(e: Event): void {
    e.preventDefault();
    const q = this.input?.value.trim() ?? '';
    const hash = consoleHash({ name: 'search', q, page: 0 });
    if (window.location.hash === hash) {
      void this.load(); // the same search again: its answer may have changed
    } else {
      window.location.hash = hash;
    }
  }

  private goToPage(page: number): void {
    window.location.hash = consoleHash({ ...this.route, page });
  }

  render() {
    const result = this.result;
    const total = result?.total ?? 0;
    const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
    return html`<section aria-labelledby="search-heading">
      <h2 id="search-heading" tabindex="-1">${searchWords.heading}</h2>
      <form role="search" @submit=${this.submit}>
        <label class="visually-hidden" for="search-input">${searchWords.label}</label>
        <input id="search-input" type="search" data-testid="search-input" .value=${this.route.q}
          placeholder=${searchWords.label} aria-describedby="search-hint" maxlength="100" autocomplete="off" />
        <button type="submit" data-testid="search-submit">${searchWords.submit}</button>
      </form>
      <p class="hint" id="search-hint">${searchWords.hint} Press / to come back to this field.</p>
      <p role="status" data-testid="search-count" aria-busy=${this.loading ? 'true' : 'false'}>
        ${result ? searchCountWords(total, result.page, PAGE_SIZE, this.route.q, result.items.length)
          : this.loading ? searchWords.loading : ''}</p>
      ${this.error ? html`<p class="error" role="alert" data-testid="search-error">${this.error}</p>` : nothing}
      ${result && result.items.length > 0 ? this.table(result) : nothing}
      ${result && total > PAGE_SIZE ? html`<div class="pager">
        <button class="secondary" data-testid="page-prev" ?disabled=${this.route.page <= 0}
          @click=${() => this.goToPage(this.route.page - 1)}>${searchWords.prev}</button>
        <button class="secondary" data-testid="page-next" ?disabled=${this.route.page >= lastPage}
          @click=${() => this.goToPage(this.route.page + 1)}>${searchWords.next}</button>
      </div>` : nothing}
    </section>`;
  }

  private table(result: CardPage) {
    const columns = searchWords.columns;
    return html`<table data-testid="search-results" aria-label=${searchWords.results}>
      <thead><tr><th scope="col">${columns.card}</th><th scope="col">${columns.customer}</th>
        <th scope="col">${columns.applications}</th></tr></thead>
      <tbody>${repeat(result.items, (card) => card.cardId, (card) => html`
        <tr data-testid="card-row" data-card-id=${card.cardId}>
          <td data-label=${columns.card}><span class="card-id">${card.cardId}</span></td>
          <td data-label=${columns.customer}>${customerWords(card.customer)}</td>
          <td data-label=${columns.applications}>${card.applications.length === 0 ? searchWords.noApplications
            : html`<ul>${card.applications.map((app) => html`<li>
              <a href=${consoleHash({ name: 'application', id: app.id })} data-testid="application-link"
                data-application-id=${app.id}>${app.productName}</a>
              <span class="hint">${applicationLineWords(app)}</span></li>`)}</ul>`}</td>
        </tr>`)}</tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-search': ConsoleSearch;
  }
}
