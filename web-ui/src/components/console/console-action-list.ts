import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ActionView } from '../../console-types';
import { actionStateWords, actionWords, CANCEL_PENDING, cancelOutcomeWords, whenWords } from '../../words/console';
import { actWords } from '../../words/console-acts';
import { panelStyles } from '../shared-styles';
import { tableStyles } from './console-styles';

/** Asked of the application screen by a row's button: the act, the action, the button (focus returns to it). */
export interface ActionActRequest {
  act: 'cancel' | 'retry';
  action: ActionView;
  opener: HTMLElement;
}

/**
 * A table of actions (`action-row`): sequence number, what it does, state in words, attempts, reasons,
 * who asked and when, what a cancel came to, and the Cancel/Retry buttons, which fire `action-act`. Rows
 * are keyed by action id, so a live reload keeps the focus on a row's button.
 */
@customElement('console-action-list')
export class ConsoleActionList extends LitElement {
  static styles = [panelStyles, tableStyles, css`
    .state {
      font-weight: 600;
    }
    code {
      color: #555;
    }
  `];

  @property({ attribute: false }) actions: ActionView[] = [];
  @property() currency = 'XXX';
  @property() label = '';
  /** Whether the rows offer Cancel (pending, in flight) and Retry (failed). */
  @property({ type: Boolean }) acts = true;

  private ask(e: Event, act: ActionActRequest['act'], action: ActionView): void {
    this.dispatchEvent(new CustomEvent<ActionActRequest>('action-act', { bubbles: true, composed: true,
      detail: { act, action, opener: e.currentTarget as HTMLElement } }));
  }

  render() {
    return html`<table aria-label=${this.label}>
      <thead><tr><th scope="col">#</th><th scope="col">Action</th><th scope="col">State</th>
        <th scope="col">Attempts</th><th scope="col">Asked by</th><th scope="col"><span class="visually-hidden">
        Acts</span></th></tr></thead>
      <tbody>${repeat(this.actions, (a) => a.id, (a) => this.row(a))}</tbody>
    </table>`;
  }

  private row(a: ActionView) {
    const outcome = cancelOutcomeWords(a);
    const canCancel = this.acts && (a.state === 'QUEUED' || a.state === 'IN_FLIGHT') && !a.cancelRequested;
    const canRetry = this.acts && a.state === 'FAILED';
    return html`<tr data-testid="action-row" data-action-id=${a.id} data-state=${a.state}>
      <td data-label="Sequence">${a.sequence ?? html`<span aria-hidden="true" title="not sent yet">–</span>
        <span class="visually-hidden">not sent yet</span>`}</td>
      <td data-label="Action">${actionWords(a, this.currency)} <code>${a.summary}</code></td>
      <td data-label="State">
        <span class="state" data-testid="action-state">${actionStateWords(a.state)}</span> <code>${a.state}</code>
        ${a.cancelPending ? html`<div class="warn" data-testid="cancel-pending">${CANCEL_PENDING}</div>` : nothing}
        ${outcome ? html`<div data-testid="action-outcome">${outcome}</div>` : nothing}
        ${a.reason ? html`<div class="hint" data-testid="action-reason">Reason: ${a.reason}</div>` : nothing}
      </td>
      <td data-label="Attempts">${a.attempts}${a.meritFailures > 0
        ? html` <span class="hint">(${a.meritFailures} refused by the card)</span>` : nothing}</td>
      <td data-label="Asked by">${a.requestedBy} <span class="hint">${whenWords(a.createdAt)}</span></td>
      <td class="actions-cell">
        ${canCancel ? html`<button class="secondary" data-testid="action-cancel"
          aria-label=${`Cancel action ${a.id}`} @click=${(e: Event) => this.ask(e, 'cancel', a)}>
          ${actWords.cancel}</button>` : nothing}
        ${canRetry ? html`<button class="secondary" data-testid="action-retry"
          aria-label=${`Retry action ${a.id}`} @click=${(e: Event) => this.ask(e, 'retry', a)}>
          ${actWords.retry}</button>` : nothing}
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-action-list': ConsoleActionList;
  }
}
