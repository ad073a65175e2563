import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PAGE_SIZE, type ConsoleApi } from '../../console-api';
import type { AuditView } from '../../console-types';
import { whenWords } from '../../words/console';
import { auditKindWords } from '../../words/console-acts';
import { consoleErrorSentence } from '../../words/console-errors';
import { panelStyles } from '../shared-styles';

/** The most rows one request brings back (the API's page size limit). */
const MAX_SIZE = 100;

/**
 * The application's audit timeline (`audit-timeline`), newest first, a page at a time: "Show older"
 * (`audit-more`) adds the next page. {@link ConsoleAudit.reload} asks again for as many rows as are shown,
 * so a live change adds the newest at the top without losing the older ones the agent opened.
 */
@customElement('console-audit')
export class ConsoleAudit extends LitElement {
  static styles = [panelStyles, css`
    h3 {
      font-size: 1.05rem;
      margin: 0.25rem 0 0.5rem;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      border-bottom: 1px solid #e0e0e0;
      padding: 0.4rem 0;
    }
    .kind {
      font-weight: 600;
    }
    .comment {
      margin: 0.2rem 0 0;
      padding-left: 0.6rem;
      border-left: 3px solid #1f4e8c;
    }
    code {
      color: #555;
    }
    button {
      margin-top: 0.5rem;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ type: Number }) applicationId = 0;

  @state() private rows: AuditView[] = [];
  @state() private total = 0;
  @state() private error = '';
  @state() private loading = false;
  /** Said to screen readers only after "Show older events": a live change must not announce the count each time. */
  @state() private announced = '';
  private asked = 0;

  protected willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('applicationId') && this.applicationId > 0) {
      this.rows = [];
      this.total = 0;
      void this.fetch(0, PAGE_SIZE, false);
    }
  }

  /** Asks again for the rows shown (at least a page, at most the API's page size). */
  reload(): Promise<void> {
    return this.fetch(0, Math.min(MAX_SIZE, Math.max(PAGE_SIZE, this.rows.length)), false);
  }

  private async more(): Promise<void> {
    const size = PAGE_SIZE;
    // The next page after what is shown; rows added meanwhile at the top may repeat one, dropped by id.
    await this.fetch(Math.floor(this.rows.length / size), size, true);
    this.announced = this.showingWords();
  }

  private showingWords(): string {
    return this.total === 0 && !this.loading ? 'Nothing recorded yet.'
      : `Showing ${this.rows.length} of ${this.total} events, newest first.`;
  }

  private async fetch(page: number, size: number, append: boolean): Promise<void> {
    const ask = ++this.asked;
    const id = this.applicationId;
    this.loading = true;
    try {
      const answer = await this.api.audit(id, page, size);
      if (ask !== this.asked || id !== this.applicationId) {
        return;
      }
      if (append) {
        const seen = new Set(this.rows.map((r) => r.id));
        this.rows = [...this.rows, ...answer.items.filter((r) => !seen.has(r.id))];
      } else {
        const fresh = new Set(answer.items.map((r) => r.id));
        const older = this.rows.filter((r) => !fresh.has(r.id) && r.id < (answer.items.at(-1)?.id ?? 0));
        this.rows = [...answer.items, ...older];
      }
      this.total = answer.total;
      this.error = '';
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

  render() {
    return html`<section data-testid="audit-timeline" aria-labelledby="audit-heading">
      <h3 id="audit-heading">Audit timeline</h3>
      <p class="hint" data-testid="audit-count">${this.showingWords()}</p>
      <p class="visually-hidden" role="status" data-testid="audit-announce">${this.announced}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <ol>${repeat(this.rows, (r) => r.id, (r) => html`<li data-testid="audit-row" data-kind=${r.kind}>
        <div><span class="kind">${auditKindWords(r.kind)}</span> <code>${r.kind}</code></div>
        <div class="hint">${whenWords(r.at)} \u00b7 by <span data-testid="audit-actor">${r.actor}</span>
          ${r.messageType ? html` \u00b7 message ${r.messageType}` : nothing}
          ${r.ca !== null ? html` \u00b7 CA ${r.ca}` : nothing}${r.atc !== null ? html` \u00b7 ATC ${r.atc}` : nothing}
          ${r.actionId !== null ? html` \u00b7 action ${r.actionId}` : nothing}</div>
        ${r.detail ? html`<div>${r.detail}</div>` : nothing}
        ${r.comment ? html`<p class="comment" data-testid="audit-comment">\u201c${r.comment}\u201d</p>` : nothing}
      </li>`)}</ol>
      ${this.rows.length < this.total ? html`<button class="secondary" data-testid="audit-more"
        ?disabled=${this.loading} @click=${this.more}>Show older events</button>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-audit': ConsoleAudit;
  }
}
