import { LitElement, css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConsoleApi } from '../../console-api';
import { consoleHash, type AlertStateFilter, type ConsoleRoute } from '../../console-router';
import type { AlertPage, AlertView, SessionInfo } from '../../console-types';
import {
  ALERT_KINDS, ALERT_STATE_WORDS, acknowledgeWords, acknowledgedWords, alertCountWords, alertKindName,
  alertPlaceWords, alertSeenWords, alertSubject, alertsCountWords,
} from '../../words/console-alerts';
import { alertKindWords } from '../../words/console-acts';
import { consoleErrorSentence } from '../../words/console-errors';
import { panelStyles } from '../shared-styles';
import type { ConsoleActDialog } from './console-act-dialog';
import './console-act-dialog';

type AlertsRoute = Extract<ConsoleRoute, { name: 'alerts' }>;

/**
 * Every alert across cards (CONSOLE-CONTRACT.md "Alerts"): filtered by kind, state and card id, paged, the
 * filters and page in the URL (#/alerts?kind=&state=&q=&page=) so a view can be shared and survives a reload.
 * Repeats of one kind on one application are one row with their count. Reloads on live notices.
 */
@customElement('console-alerts')
export class ConsoleAlerts extends LitElement {
  static styles = [panelStyles, css`
    form.filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: flex-end;
    }
    form.filters > div {
      min-width: 0;
      max-width: 100%;
    }
    ul.plain {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    ul.plain > li {
      border-top: 1px solid #e2e2e2;
      padding: 0.5rem 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .detail {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.9em;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) session!: SessionInfo;
  @property({ attribute: false }) route!: AlertsRoute;

  @state() private alerts: AlertPage | null = null;
  @state() private loadError = '';
  @state() private actResult = '';
  @query('console-act-dialog') private dialog!: ConsoleActDialog;
  /** Answers to an older query (the filters changed meanwhile) are dropped. */
  private loadSeq = 0;

  /** The filters as chosen in the form, applied together by *Show alerts*. */
  @state() private chosen: Pick<AlertsRoute, 'kind' | 'state' | 'q'> = { kind: '', state: 'open', q: '' };

  protected willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('route') as AlertsRoute | undefined;
    if (changed.has('route') && (!before || consoleHash(before) !== consoleHash(this.route))) {
      this.chosen = { kind: this.route.kind, state: this.route.state, q: this.route.q };
      void this.load();
    }
  }

  /** The shell's live notice (console-app.ts LiveScreen): any change may raise or aggregate an alert. */
  liveChanged(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    const { kind, state, q, page } = this.route;
    try {
      const answer = await this.api.alerts({ kind, state, q, page });
      if (seq === this.loadSeq) {
        this.alerts = answer;
        this.loadError = '';
      }
    } catch (e) {
      if (seq === this.loadSeq) {
        this.loadError = consoleErrorSentence(e);
      }
    }
  }

  private go(change: Partial<AlertsRoute>): void {
    window.location.hash = consoleHash({ ...this.route, page: 0, ...change });
  }

  /**
   * The filters into the URL, the list from its first page. Only on submit: a select that navigated on `change`
   * would reload (and move the focus) at every arrow key a keyboard user presses on it.
   */
  private applyFilters(e: Event): void {
    e.preventDefault();
    this.go({ ...this.chosen, q: this.chosen.q.trim() });
  }

  private openAck(alert: AlertView, e: Event): void {
    this.actResult = '';
    void this.dialog.open(acknowledgeWords(alert), (comment) => this.acknowledge(alert, comment),
      e.currentTarget as HTMLElement);
  }

  /** The dialog's act: its error is a sentence the dialog shows, staying open. */
  private async acknowledge(alert: AlertView, comment: string): Promise<void> {
    try {
      await this.api.acknowledgeAlert(alert.id, comment);
    } catch (e) {
      throw new Error(consoleErrorSentence(e));
    }
    this.actResult = `${alertSubject(alert)}: acknowledged.`;
    await this.load();
    // Rendered before the dialog closes and returns the focus: the acknowledged row's button must be gone by then.
    await this.updateComplete;
  }

  /**
   * The dialog gives the focus back to its opener if it is still there; the acknowledged alert's button is not
   * (rows are keyed by alert id, so no other alert's button takes its place): the focus goes to the outcome.
   */
  private async onDialogClosed(e: CustomEvent<{ opener: HTMLElement | null }>): Promise<void> {
    await this.updateComplete;
    if (!e.detail.opener?.isConnected) {
      this.renderRoot.querySelector<HTMLElement>('[data-testid="act-result"]')?.focus();
    }
  }

  render() {
    return html`<section aria-labelledby="alerts-heading">
      <h2 id="alerts-heading" tabindex="-1">Alerts</h2>
      <form class="filters" role="search" aria-label="Filter alerts" @submit=${this.applyFilters}>
        <div><label for="alerts-kind">Kind</label>
          <select id="alerts-kind" name="kind" data-testid="alerts-kind"
            @change=${(e: Event) => { this.chosen = { ...this.chosen, kind: (e.target as HTMLSelectElement).value }; }}>
            <option value="" ?selected=${this.chosen.kind === ''}>All kinds</option>
            ${ALERT_KINDS.map((k) => html`<option value=${k} ?selected=${this.chosen.kind === k}>${alertKindName(k)}</option>`)}
          </select></div>
        <div><label for="alerts-state">Show</label>
          <select id="alerts-state" name="state" data-testid="alerts-state"
            @change=${(e: Event) => { this.chosen = { ...this.chosen,
              state: (e.target as HTMLSelectElement).value as AlertStateFilter }; }}>
            ${(['open', 'acknowledged', 'all'] as const).map((s) => html`<option value=${s}
              ?selected=${this.chosen.state === s}>${ALERT_STATE_WORDS[s]}</option>`)}
          </select></div>
        <div><label for="alerts-card">Card id starts with</label>
          <input id="alerts-card" name="q" data-testid="alerts-card" autocomplete="off" spellcheck="false"
            maxlength="100" .value=${this.chosen.q}
            @input=${(e: Event) => { this.chosen = { ...this.chosen, q: (e.target as HTMLInputElement).value }; }} /></div>
        <div><button type="submit" data-testid="alerts-filter">Show alerts</button></div>
      </form>
      ${this.actResult ? html`<p class="ok" role="status" tabindex="-1" data-testid="act-result">${this.actResult}</p>`
        : nothing}
      ${this.loadError ? html`<p class="error" role="alert" data-testid="load-error">${this.loadError}</p>` : nothing}
      ${this.list()}
    </section>
    <console-act-dialog @act-closed=${this.onDialogClosed}></console-act-dialog>`;
  }

  private list() {
    const page = this.alerts;
    if (!page) {
      return this.loadError ? nothing : html`<p>Loading\u2026</p>`;
    }
    const last = Math.max(0, Math.ceil(page.total / page.size) - 1);
    return html`
      <p data-testid="alerts-count" aria-live="polite">${alertsCountWords(page.page, page.size, page.items.length, page.total)}</p>
      <ul class="plain" data-testid="alerts-list">${repeat(page.items, (a) => a.id, (a) => this.row(a))}</ul>
      <nav class="row" aria-label="Pages of alerts">
        ${page.page > 0 ? html`<a href=${consoleHash({ ...this.route, page: page.page - 1 })}
          data-testid="page-prev">\u2190 Newer</a>` : nothing}
        ${page.page < last ? html`<a href=${consoleHash({ ...this.route, page: page.page + 1 })}
          data-testid="page-next">Older \u2192</a>` : nothing}
      </nav>`;
  }

  private row(a: AlertView) {
    return html`<li data-testid="alert-row" data-kind=${a.kind} data-count=${a.count} data-alert-id=${a.id}>
      <strong>${alertKindName(a.kind)}</strong> \u2014 <span data-testid="alert-count">${alertCountWords(a.count)}</span>
      <br />${a.applicationId === null ? html`<span>${alertPlaceWords(a)}</span>`
        : html`<a href=${`#/applications/${a.applicationId}`} data-testid="application-link"
          data-application-id=${a.applicationId}>${alertPlaceWords(a)}</a>`}
      <br /><span class="hint">${alertKindWords(a.kind)}</span>
      <br /><span>${alertSeenWords(a)}</span>
      ${a.detail ? html`<br /><span class="hint">Latest: <span class="detail">${a.detail}</span></span>` : nothing}
      ${a.acknowledged ? html`<br /><span data-testid="alert-acknowledged">${acknowledgedWords(a)}</span>
        ${a.comment ? html`<br /><span class="hint">\u201c${a.comment}\u201d</span>` : nothing}`
        : html`<div><button class="secondary" data-testid="alert-ack"
          @click=${(e: Event) => this.openAck(a, e)}>Acknowledge<span class="visually-hidden">:
          ${alertSubject(a)}</span></button></div>`}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-alerts': ConsoleAlerts;
  }
}
