import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { actWords, MAX_COMMENT, type ActDialogWords } from '../../words/console-acts';
import { panelStyles } from '../shared-styles';

/**
 * The confirmation of every act (`act-dialog`): what the act does, an optional comment (audited with the
 * agent's name) and the two buttons. A modal <dialog>: the rest of the page is inert while it is open (so
 * Tab stays inside), Escape closes it, and the focus goes back to the button that opened it.
 *
 * `run(comment)` does the act; its error (a sentence) is shown in the dialog (`act-error`, role=alert), which
 * stays open so the agent can read it and try again or go back. Fires `act-closed` when closed.
 */
@customElement('console-act-dialog')
export class ConsoleActDialog extends LitElement {
  static styles = [panelStyles, css`
    dialog {
      max-width: min(34rem, calc(100vw - 2rem));
      border: 1px solid #767676;
      border-radius: 6px;
      padding: 1rem;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
    }
    textarea {
      font: inherit;
      width: 100%;
      box-sizing: border-box;
      min-height: 4.5rem;
      padding: 0.3rem 0.5rem;
      border: 1px solid #767676;
      border-radius: 4px;
    }
    textarea:focus-visible {
      outline: 3px solid #f0a500;
      outline-offset: 2px;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }
  `];

  @property({ attribute: false }) words: ActDialogWords | null = null;
  @property({ attribute: false }) run: ((comment: string) => Promise<void>) | null = null;

  @state() private error = '';
  @state() private busy = false;
  @state() private comment = '';
  /** Why the act no longer applies (a live change settled what it was about); no confirm button then. */
  @state() private gone = '';
  @query('dialog') private dialog?: HTMLDialogElement;
  @query('textarea') private textarea?: HTMLTextAreaElement;
  private opener: HTMLElement | null = null;

  get isOpen(): boolean {
    return Boolean(this.dialog?.open);
  }

  /** Opens the dialog; `opener` gets the focus back when it closes (if it is still on the page). */
  async open(words: ActDialogWords, run: (comment: string) => Promise<void>, opener: HTMLElement | null): Promise<void> {
    this.words = words;
    this.run = run;
    this.error = '';
    this.comment = '';
    this.busy = false;
    this.gone = '';
    this.opener = opener;
    await this.updateComplete;
    if (this.dialog && !this.dialog.open) {
      this.dialog.showModal();
    }
    this.textarea?.focus();
  }

  /** Whether an act is being sent (its words must then stay as the agent confirmed them). */
  get isBusy(): boolean {
    return this.busy;
  }

  /**
   * A live change while the dialog is open: new words for the same act (what it does now), or, with `gone`, a
   * sentence saying the act no longer applies; the confirm button is then withdrawn and only Back remains.
   */
  refresh(words: ActDialogWords | null, gone = ''): void {
    if (!this.isOpen || this.busy) {
      return;
    }
    if (words) {
      this.words = words;
    }
    this.gone = gone;
  }

  close(): void {
    if (this.dialog?.open) {
      this.dialog.close(); // the close event returns the focus
    }
  }

  private onClose(): void {
    this.run = null;
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) {
      opener.focus();
    }
    this.dispatchEvent(new CustomEvent('act-closed', { bubbles: true, composed: true, detail: { opener } }));
  }

  /** Escape while an act is being sent would hide its outcome: the dialog waits for the answer. */
  private onCancel(e: Event): void {
    if (this.busy) {
      e.preventDefault();
    }
  }

  private async confirm(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.run || this.busy || this.gone) {
      return;
    }
    if (this.comment.trim().length > MAX_COMMENT) {
      this.error = actWords.commentTooLong(MAX_COMMENT);
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await this.run(this.comment);
      this.busy = false;
      this.close();
    } catch (err) {
      this.busy = false;
      this.error = err instanceof Error ? err.message : String(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="act-error"]')?.focus();
    }
  }

  render() {
    const words = this.words;
    return html`<dialog data-testid="act-dialog" aria-labelledby="act-title" aria-describedby="act-explain"
      @close=${this.onClose} @cancel=${this.onCancel}>
      ${words ? html`<form method="dialog" @submit=${this.confirm}>
        <h2 id="act-title">${words.title}</h2>
        <div id="act-explain" aria-live="polite">${this.gone
          ? html`<p class="warn" data-testid="act-gone">${this.gone}</p>`
          : words.explain.map((line) => html`<p>${line}</p>`)}</div>
        <label for="act-comment">${actWords.comment}</label>
        <textarea id="act-comment" data-testid="act-comment" maxlength=${MAX_COMMENT} .value=${this.comment}
          @input=${(e: Event) => { this.comment = (e.target as HTMLTextAreaElement).value; }}></textarea>
        ${this.error ? html`<p class="error" role="alert" tabindex="-1" data-testid="act-error">${this.error}</p>`
          : nothing}
        <div class="buttons">
          ${this.gone ? nothing : html`<button type="submit" data-testid="act-confirm" ?disabled=${this.busy}>
            ${this.busy ? actWords.working : words.confirm}</button>`}
          <button type="button" class="secondary" data-testid="act-cancel" ?disabled=${this.busy}
            @click=${() => this.close()}>${actWords.back}</button>
        </div>
      </form>` : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-act-dialog': ConsoleActDialog;
  }
}
