import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ACTIVITY_SPANS, type ActivitySpan, type ConsoleApi } from '../../console-api';
import type { Dashboard, SessionInfo } from '../../console-types';
import { consoleErrorSentence } from '../../words/console-errors';
import { COUNT_WORDS, SERIES_WORDS, SPAN_WORDS, activitySummary, bucketLabel, periodWords } from '../../words/console-dashboard';
import { userLocale } from '../../words/format';
import { panelStyles } from '../shared-styles';
import './console-activity-chart';

/** Live notices come in bursts (a card's session is several): the dashboard reloads at most this often. */
const LIVE_RELOAD_MS = 5000;

/**
 * The dashboard (CONSOLE-CONTRACT.md "Dashboard"): the counts the helpdesk watches (pending, in flight, failed,
 * frozen, open alerts; links to where they are handled) and the activity per hour over the last 24 hours or
 * 7 days, drawn by Chart.js and, for screen readers, the same figures as a table (`activity-table`).
 */
@customElement('console-dashboard')
export class ConsoleDashboard extends LitElement {
  static styles = [panelStyles, css`
    ul.counts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.5rem;
      list-style: none;
      padding: 0;
      margin: 0;
    }
    ul.counts li {
      border: 1px solid #e2e2e2;
      border-radius: 6px;
      padding: 0.5rem;
    }
    .figure {
      display: block;
      font-size: 1.6rem;
      font-variant-numeric: tabular-nums;
    }
    fieldset {
      border: none;
      padding: 0;
      margin: 0 0 0.5rem;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
    }
    fieldset label {
      display: inline;
      font-weight: 400;
    }
    td,
    th {
      text-align: right;
      padding: 0 0.5rem;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) session!: SessionInfo;

  @state() private span: ActivitySpan = 24;
  @state() private dashboard: Dashboard | null = null;
  @state() private loadError = '';
  private loadSeq = 0;
  private lastLoad = 0;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.liveTimer);
  }

  /** The shell's live notice (console-app.ts LiveScreen): fresh counts, at most every few seconds. */
  liveChanged(): void {
    if (this.liveTimer !== undefined) {
      return;
    }
    const wait = Math.max(0, this.lastLoad + LIVE_RELOAD_MS - Date.now());
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      void this.load();
    }, wait);
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.lastLoad = Date.now();
    try {
      const answer = await this.api.dashboard(this.span);
      if (seq === this.loadSeq) {
        this.dashboard = answer;
        this.loadError = '';
      }
    } catch (e) {
      if (seq === this.loadSeq) {
        this.loadError = consoleErrorSentence(e);
      }
    }
  }

  private choose(span: ActivitySpan): void {
    if (span !== this.span) {
      this.span = span;
      void this.load();
    }
  }

  render() {
    const d = this.dashboard;
    const n = new Intl.NumberFormat(userLocale());
    return html`<section aria-labelledby="dashboard-heading">
        <h2 id="dashboard-heading" tabindex="-1">Dashboard</h2>
        ${this.loadError ? html`<p class="error" role="alert" data-testid="load-error">${this.loadError}</p>` : nothing}
        ${d ? html`<ul class="counts">${COUNT_WORDS.map((c) => html`<li>
          <span class="figure" data-testid=${c.testId}>${n.format(d.counts[c.key])}</span>
          <strong>${c.label}</strong><br /><span class="hint">${c.hint}</span>
          ${c.key === 'openAlerts' ? html`<br /><a href="#/alerts">See the alerts</a>` : nothing}</li>`)}</ul>`
          : this.loadError ? nothing : html`<p>Loading\u2026</p>`}
      </section>
      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Activity per hour</h2>
        <fieldset>
          <legend class="visually-hidden">Period</legend>
          ${ACTIVITY_SPANS.map((s) => html`<div><input type="radio" name="span" id=${`span-${s}`} value=${s}
            data-testid=${`activity-span-${s}`} .checked=${this.span === s} @change=${() => this.choose(s)} />
            <label for=${`span-${s}`}>${SPAN_WORDS[s]}</label></div>`)}
        </fieldset>
        ${d ? this.activity(d) : nothing}
      </section>`;
  }

  private activity(d: Dashboard) {
    const buckets = d.activity.buckets;
    const sum = (key: 'executed' | 'resends' | 'refusals') => buckets.reduce((t, b) => t + b[key], 0);
    const totals = { executed: sum('executed'), resends: sum('resends'), refusals: sum('refusals') };
    const n = new Intl.NumberFormat(userLocale());
    return html`
      <p class="hint">${periodWords(d.activity.from, d.activity.to)} Executed: actions the card confirmed. Resends:
        actions sent again after a card did not confirm them. Refusals: card messages the server rejected.</p>
      <console-activity-chart .buckets=${buckets} .span=${this.span}
        .label=${activitySummary(this.span, totals)}></console-activity-chart>
      <div class="visually-hidden">
      <table data-testid="activity-table">
        <caption>${activitySummary(this.span, totals)}</caption>
        <thead><tr><th scope="col">Hour starting</th><th scope="col">${SERIES_WORDS.executed}</th>
          <th scope="col">${SERIES_WORDS.resends}</th><th scope="col">${SERIES_WORDS.refusals}</th></tr></thead>
        <tbody>${buckets.map((b) => html`<tr><th scope="row">${bucketLabel(b.start, this.span)}</th>
          <td>${n.format(b.executed)}</td><td>${n.format(b.resends)}</td><td>${n.format(b.refusals)}</td></tr>`)}</tbody>
      </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-dashboard': ConsoleDashboard;
  }
}
