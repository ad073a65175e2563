import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConsoleApi } from '../../console-api';
import type { ConsoleRoute } from '../../console-router';
import type { AlertView, ApplicationDetail } from '../../console-types';
import { customerWords, moneyWords, statusWords, whenWords } from '../../words/console';
import { consoleErrorSentence } from '../../words/console-errors';
import { actDialogWords, actResultWords, actWords, alertKindWords, findAction, liveDialogWords,
  type ActDialogWords, type Asking } from '../../words/console-acts';
import { panelStyles } from '../shared-styles';
import type { ActionActRequest } from './console-action-list';
import type { ConsoleActDialog } from './console-act-dialog';
import type { ConsoleActionHistory } from './console-action-history';
import type { ConsoleAudit } from './console-audit';
import type { ConsoleQueueForm, QueueAsk } from './console-queue-form';
import { tableStyles } from './console-styles';
import './console-act-dialog';
import './console-action-history';
import './console-action-list';
import './console-audit';
import './console-queue-form';
import { focusedAction, keepFocus, renderedWithLists } from './console-live-focus';

/**
 * One card application as the helpdesk sees it: status, customer, counters, the script in flight, the
 * pending and recent actions, the open alerts, the audit, and every act on it, each confirmed in the act
 * dialog with an optional comment. A live notice for it reloads it in place: the focus stays on the same
 * action's button even when its row moves to another list (else on that list's heading); an open dialog's words
 * follow the change, or say the act no longer applies; an act's result line goes once it is no longer true.
 */
@customElement('console-application')
export class ConsoleApplication extends LitElement {
  static styles = [panelStyles, tableStyles, css`
    h3 {
      font-size: 1.05rem;
      margin: 0.25rem 0 0.5rem;
    }
    .acts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    code {
      color: #555;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) route!: Extract<ConsoleRoute, { name: 'application' }>;

  @state() private app: ApplicationDetail | null = null;
  @state() private loadError = '';
  @state() private result = '';
  /**
   * Whether the result line is still true of the application as loaded now: a live change may undo it (frozen
   * again after "unfrozen"; a pending cancel settled, its row then says the outcome). Null: it stays true.
   */
  private resultHolds: ((app: ApplicationDetail) => boolean) | null = null;
  private asking: Asking | null = null;
  @query('console-act-dialog') private dialog!: ConsoleActDialog;
  @query('console-audit') private audit?: ConsoleAudit;
  @query('console-action-history') private history?: ConsoleActionHistory;
  @query('console-queue-form') private queueForm?: ConsoleQueueForm;
  private asked = 0;

  get applicationId(): number {
    return this.route?.id ?? 0;
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>): void {
    const before = changed.get('route') as typeof this.route | undefined;
    if (changed.has('route') && before?.id !== this.route.id) {
      this.app = null;
      this.result = '';
      this.resultHolds = null;
      void this.load();
    }
  }

  /** A live notice: this application (or, with null, possibly anything) changed. */
  liveChanged(applicationId: number | null): void {
    if (applicationId === null || applicationId === this.applicationId) {
      void this.load();
      void this.audit?.reload();
      this.history?.reload();
    }
  }

  private async load(): Promise<void> {
    const ask = ++this.asked;
    const id = this.applicationId;
    try {
      const app = await this.api.application(id);
      if (ask === this.asked && id === this.applicationId) {
        const focus = focusedAction(this.shadowRoot);
        this.app = app;
        this.loadError = '';
        this.dropUntrueResult(app);
        this.refreshDialog(app);
        if (focus) {
          await this.rendered();
          keepFocus(this.shadowRoot, focus);
        }
      }
    } catch (e) {
      if (ask === this.asked) {
        this.loadError = consoleErrorSentence(e);
      }
    }
  }

  private dropUntrueResult(app: ApplicationDetail): void {
    if (this.resultHolds && !this.resultHolds(app)) {
      this.resultHolds = null;
      this.result = '';
    }
  }

  /** An open dialog (not while its act is being sent) says what the act does now, or that it no longer applies. */
  private refreshDialog(app: ApplicationDetail): void {
    const asking = this.asking;
    if (!asking || !this.dialog?.isOpen || this.dialog.isBusy) {
      return;
    }
    const { words, gone } = liveDialogWords(asking, app);
    this.dialog.refresh(words, gone);
  }

  /** This screen and its action lists have rendered what they were given. */
  private rendered(): Promise<void> {
    return renderedWithLists(this);
  }

  /** What every act does after the dialog: run it, then show the outcome and what changed. */
  private openAct(asking: Asking, words: ActDialogWords, opener: HTMLElement | null,
    run: (comment: string) => Promise<string>, holds: ((app: ApplicationDetail) => boolean) | null = null): void {
    const act = asking.act;
    this.result = '';
    this.resultHolds = null;
    this.asking = asking;
    void this.dialog.open(words, async (comment) => {
      let result: string;
      try {
        result = await run(comment);
      } catch (e) {
        void this.load(); // a refusal may mean the application changed meanwhile: show it as it is now
        throw new Error(consoleErrorSentence(e));
      }
      this.result = result;
      this.resultHolds = holds ?? this.resultHolds;
      void this.audit?.reload();
      this.history?.reload();
      if (act === 'queue') {
        this.queueForm?.reset();
      }
      // The dialog returns the focus to its opener when it closes: the opener must be gone by then if the act
      // removed it (an acknowledged alert's row), or the focus would land on whatever row took its place.
      await this.rendered();
    }, opener);
  }

  /** The button that opened the dialog may be gone (a cancelled row, an unfrozen application): focus the outcome. */
  private async onDialogClosed(e: CustomEvent<{ opener: HTMLElement | null }>): Promise<void> {
    this.asking = null;
    await this.rendered();
    if (!e.detail.opener?.isConnected) {
      this.renderRoot.querySelector<HTMLElement>('[data-testid="act-result"]')?.focus();
    }
  }

  private onActionAct(e: CustomEvent<ActionActRequest>): void {
    const app = this.app;
    if (!app) return;
    const { act, action, opener } = e.detail;
    let holds: ((now: ApplicationDetail) => boolean) | null = null;
    this.openAct({ act, actionId: action.id }, actDialogWords(act, app, { action }), opener, async (comment) => {
      const updated = act === 'cancel' ? await this.api.cancel(app.id, action.id, comment)
        : await this.api.retry(app.id, action.id, comment);
      this.app = updated;
      this.asked++; // a load that started before the act would answer the application as it was before it
      const pending = findAction(updated, action.id)?.cancelPending === true;
      holds = pending ? (now) => findAction(now, action.id)?.cancelPending === true : null;
      return actResultWords(act, updated, pending ? 'pending' : '');
    }, (now) => holds?.(now) ?? true);
  }

  private onQueueAsk(e: CustomEvent<QueueAsk>): void {
    const app = this.app;
    if (!app) return;
    const { request, words, opener } = e.detail;
    this.openAct({ act: 'queue', queued: words }, actDialogWords('queue', app, { queued: words }), opener,
      async (comment) => {
        await this.api.queue(app.id, { ...request, ...(comment.trim() ? { comment: comment.trim() } : {}) });
        await this.load();
        return actResultWords('queue', this.app, words);
      });
  }

  private onApplicationAct(e: Event, act: 'unfreeze' | 'resync'): void {
    const app = this.app;
    if (!app) return;
    this.openAct({ act }, actDialogWords(act, app, {}), e.currentTarget as HTMLElement, async (comment) => {
      this.app = act === 'unfreeze' ? await this.api.unfreeze(app.id, comment) : await this.api.resync(app.id, comment);
      this.asked++; // a load that started before the act would answer the application as it was before it
      return actResultWords(act, this.app);
    }, (now) => now.status !== 'FROZEN'); // "unfrozen" / "resynced" is false once a lasting anomaly freezes it again
  }

  private onAcknowledge(e: Event, alert: AlertView): void {
    const app = this.app;
    if (!app) return;
    this.openAct({ act: 'acknowledge', alertId: alert.id }, actDialogWords('acknowledge', app, { alert }),
      e.currentTarget as HTMLElement,
      async (comment) => {
        await this.api.acknowledgeAlert(alert.id, comment);
        await this.load();
        return actResultWords('acknowledge', this.app);
      });
  }

  render() {
    const app = this.app;
    return html`<section aria-labelledby="app-heading">
        <h2 id="app-heading" tabindex="-1">${app ? `${app.productName} on card ${app.cardId}`
          : `Card application ${this.applicationId}`}</h2>
        ${this.loadError ? html`<p class="error" role="alert" data-testid="load-error">${this.loadError}</p>` : nothing}
        <p role="status" tabindex="-1" data-testid="act-result">${this.result}</p>
        ${app ? this.overview(app) : this.loadError ? nothing : html`<p>Loading\u2026</p>`}
      </section>
      ${app ? this.details(app) : nothing}
      <console-act-dialog @act-closed=${this.onDialogClosed}></console-act-dialog>`;
  }

  private overview(app: ApplicationDetail) {
    const frozen = app.frozen;
    return html`<dl>
        <dt>Status</dt>
        <dd data-testid="app-status">${statusWords(app.status)} <code>${app.status}</code></dd>
        ${frozen ? html`<dt>Frozen</dt><dd data-testid="app-frozen">${frozen.reason}
          ${frozen.since ? html`<span class="hint">since ${whenWords(frozen.since)}</span>` : nothing}
          <div>${frozen.signedCa === null ? 'The card has signed nothing since.'
            : `The card last signed CA ${frozen.signedCa}${frozen.signedAtc !== null ? `, ATC ${frozen.signedAtc}` : ''}.`}
          </div></dd>` : nothing}
        <dt>Customer</dt><dd data-testid="app-customer">${customerWords(app.customer)}</dd>
        <dt>Confirmed CA</dt><dd data-testid="app-confirmed-ca">${app.confirmedCa}</dd>
        <dt>Last ATC</dt><dd data-testid="app-last-atc">${app.lastAtc}
          <span class="hint">(last message ${whenWords(app.lastMessageAt)})</span></dd>
        <dt>Balance</dt><dd data-testid="app-balance">${app.lastBalance === null ? 'not reported yet'
          : `${moneyWords(app.lastBalance, app.currency)} (as last reported)`}</dd>
        <dt>AID</dt><dd><code>${app.aid}</code></dd>
        <dt>Key version</dt><dd>${app.keyVersion}</dd>
      </dl>
      ${app.status === 'FROZEN' ? html`<div class="acts">
        <button data-testid="resync" @click=${(e: Event) => this.onApplicationAct(e, 'resync')}>${actWords.resync}</button>
        <button class="secondary" data-testid="unfreeze" @click=${(e: Event) => this.onApplicationAct(e, 'unfreeze')}>
          ${actWords.unfreeze}</button>
      </div>` : nothing}`;
  }

  private details(app: ApplicationDetail) {
    const script = app.inFlight;
    return html`<div @action-act=${this.onActionAct} @queue-ask=${this.onQueueAsk}>
      <section data-testid="in-flight" aria-labelledby="in-flight-heading">
        <h3 id="in-flight-heading" tabindex="-1">Script in flight</h3>
        ${script ? html`<p>Script ${script.id}, sent ${whenWords(script.issuedAt)}: from CA ${script.baseCa},
          session ATC ${script.sessionAtc}, ${script.actionCount} ${script.actionCount === 1 ? 'action' : 'actions'}.
          The card\u2019s next report settles it.</p>
          <console-action-list .actions=${script.actions} currency=${app.currency} label="Actions in flight">
          </console-action-list>` : html`<p class="hint">None: nothing is waiting for the card to report.</p>`}
      </section>
      <section data-testid="pending-list" aria-labelledby="pending-heading">
        <h3 id="pending-heading" tabindex="-1">Waiting for the card</h3>
        <p class="hint">${app.pendingTotal === 0 ? 'No action is waiting.'
          : app.pendingTotal > app.pending.length ? `${app.pendingTotal} actions wait; the first ${app.pending.length} are shown, in the order they will be sent.`
            : `${app.pendingTotal} ${app.pendingTotal === 1 ? 'action waits' : 'actions wait'}, in the order they will be sent.`}</p>
        ${app.pending.length ? html`<console-action-list .actions=${app.pending} currency=${app.currency}
          label="Waiting actions"></console-action-list>` : nothing}
        <h3>Queue an action</h3>
        <console-queue-form currency=${app.currency}></console-queue-form>
      </section>
      <section data-testid="recent-list" aria-labelledby="recent-heading">
        <h3 id="recent-heading" tabindex="-1">Recently finished</h3>
        ${app.recent.length ? html`<console-action-list .actions=${app.recent} currency=${app.currency}
          label="Recently finished actions"></console-action-list>` : html`<p class="hint">No action has finished yet.</p>`}
        <console-action-history .api=${this.api} applicationId=${app.id} currency=${app.currency}>
        </console-action-history>
      </section>
      ${this.alerts(app)}
      <console-audit .api=${this.api} applicationId=${app.id}></console-audit>
    </div>`;
  }

  private alerts(app: ApplicationDetail) {
    return html`<section data-testid="app-alerts" aria-labelledby="alerts-heading">
      <h3 id="alerts-heading">Open alerts</h3>
      ${app.alerts.length === 0 ? html`<p class="hint">No open alert.</p>` : html`
        ${app.openAlerts > app.alerts.length ? html`<p class="hint">${app.openAlerts} open; the
          ${app.alerts.length} most recent are shown. <a href=${`#/alerts?q=${app.cardId}`}>All of this card\u2019s
          alerts</a></p>` : nothing}
        <table aria-label="Open alerts">
          <thead><tr><th scope="col">Alert</th><th scope="col">Times</th><th scope="col">Last seen</th>
            <th scope="col"><span class="visually-hidden">Acts</span></th></tr></thead>
          <tbody>${repeat(app.alerts, (a) => a.id, (a) => html`<tr data-testid="alert-row" data-kind=${a.kind}
            data-count=${a.count}>
            <td data-label="Alert">${alertKindWords(a.kind)} <code>${a.kind}</code>
              ${a.detail ? html`<div class="hint">${a.detail}</div>` : nothing}</td>
            <td data-label="Times">${a.count} <span class="hint">since ${whenWords(a.firstSeen)}</span></td>
            <td data-label="Last seen">${whenWords(a.lastSeen)}</td>
            <td class="actions-cell"><button class="secondary" data-testid="alert-ack"
              aria-label=${`Acknowledge: ${alertKindWords(a.kind)}`}
              @click=${(e: Event) => this.onAcknowledge(e, a)}>${actWords.acknowledge}</button></td>
          </tr>`)}</tbody>
        </table>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-application': ConsoleApplication;
  }
}
