import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkQueueForm, LIMITS, QUEUE_TYPE_LABELS, QUEUE_TYPES, queuedWords, type QueueField, type QueueFields,
  type QueueType } from '../../console-queue';
import type { ActionRequest } from '../../console-types';
import { panelStyles } from '../shared-styles';
import { focusFirstProblem } from './form-focus';

/** Asked of the application screen: queue this (after the act dialog). */
export interface QueueAsk {
  request: ActionRequest;
  words: string;
  opener: HTMLElement;
}

const EMPTY: Omit<QueueFields, 'type'> = { amount: '', slot: '', value: '', appId: '', record: '' };

/**
 * The queue form (`queue-form`): one set of fields per action type, checked as the API checks them before
 * the act dialog opens; fires `queue-ask`. The fields are kept when the dialog is left with Back, and
 * emptied by {@link ConsoleQueueForm.reset} once the action is queued.
 */
@customElement('console-queue-form')
export class ConsoleQueueForm extends LitElement {
  static styles = [panelStyles, css`
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: flex-end;
    }
    input.hex {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      width: 100%;
    }
    button {
      margin-top: 0.75rem;
    }
  `];

  @property() currency = 'XXX';
  @state() private type: QueueType = 'CREDIT';
  @state() private fields = { ...EMPTY };
  @state() private problems: Partial<Record<QueueField, string>> = {};

  reset(): void {
    this.fields = { ...EMPTY };
    this.problems = {};
  }

  private set(field: QueueField, e: Event): void {
    this.fields = { ...this.fields, [field]: (e.target as HTMLInputElement).value };
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const check = checkQueueForm({ type: this.type, ...this.fields }, this.currency);
    if (!check.ok) {
      this.problems = check.problems;
      await focusFirstProblem(this);
      return;
    }
    this.problems = {};
    const opener = (e.submitter as HTMLElement | null) ?? this.renderRoot.querySelector('button');
    this.dispatchEvent(new CustomEvent<QueueAsk>('queue-ask', { bubbles: true, composed: true,
      detail: { request: check.request, words: queuedWords(check.request, this.currency), opener: opener! } }));
  }

  render() {
    return html`<form data-testid="queue-form" novalidate @submit=${this.submit} aria-label="Queue an action">
      <label for="queue-type">Action</label>
      <select id="queue-type" data-testid="queue-type" .value=${this.type}
        @change=${(e: Event) => { this.type = (e.target as HTMLSelectElement).value as QueueType; this.problems = {}; }}>
        ${QUEUE_TYPES.map((t) => html`<option value=${t} ?selected=${t === this.type}>${QUEUE_TYPE_LABELS[t]}</option>`)}
      </select>
      ${this.typeFields()}
      <div><button type="submit" data-testid="queue-submit">Queue\u2026</button></div>
    </form>`;
  }

  private typeFields() {
    switch (this.type) {
      case 'CREDIT':
        return this.field('amount', 'queue-amount', `Amount (${this.currency})`, 'decimal',
          'In the card\u2019s currency, such as 20 or 20.00.');
      case 'WRITE_PARAMETER':
        return html`<div class="row">
          ${this.field('slot', 'queue-slot', 'Slot', 'numeric', `0 to ${LIMITS.maxSlot}.`)}
          ${this.field('value', 'queue-value', 'Value (hexadecimal)', 'hex',
            `Up to ${LIMITS.maxValueBytes} bytes; empty erases the slot.`)}</div>`;
      case 'LOAD_APPLICATION':
        return html`${this.field('appId', 'queue-app-id', 'Application id', 'numeric', `0 to ${LIMITS.maxAppId}.`)}
          ${this.field('record', 'queue-record', 'Record (hexadecimal)', 'hex',
            `1 to ${LIMITS.maxRecordBytes} bytes; sent in blocks, then activated.`)}`;
      default:
        return html`<p class="hint">This action takes no value.</p>`;
    }
  }

  private field(name: QueueField, testId: string, label: string, kind: string, hint: string) {
    const problem = this.problems[name];
    const id = `queue-${name}`;
    return html`<div>
      <label for=${id}>${label}</label>
      <input id=${id} data-testid=${testId} class=${kind === 'hex' ? 'hex' : ''} .value=${this.fields[name]}
        inputmode=${kind === 'hex' ? 'text' : kind === 'numeric' ? 'numeric' : 'decimal'} autocomplete="off"
        spellcheck="false" aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${id}-hint ${id}-error` : `${id}-hint`}
        @input=${(e: Event) => this.set(name, e)} />
      <div class="hint" id=${`${id}-hint`}>${hint}</div>
      ${problem ? html`<div class="error" id=${`${id}-error`} data-testid=${`${testId}-error`}>${problem}</div>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-queue-form': ConsoleQueueForm;
  }
}
