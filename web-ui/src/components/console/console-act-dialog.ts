import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { panelStyles } from '../shared-styles';

/** The most a staff comment may be (CONSOLE-CONTRACT.md section 2, "Acts"). */
export const COMMENT_MAX_LENGTH = 400;

/**
 * The confirmation every act of the console opens (`act-dialog`): what is about to happen, an optional
 * comment for the audit (`act-comment`), Confirm (`act-confirm`) and Cancel (`act-cancel`). A modal
 * <dialog>: the browser keeps the focus inside it and closes it on Escape; the focus then goes back to the
 * control that opened it. The owner does the act on `act-confirmed` (detail: the comment, trimmed) and says
 * how it went through `busy` and `error` (`act-error`, role=alert, kept open so the comment is not lost).
 */
@customElement('console-act-dialog')
export class ConsoleActDialog extends LitElement {
  static styles = [panelStyles, css`
    dialog {
      max-width: min(32rem, calc(100vw - 2rem));
      box-sizing: border-box;
      border: 1px solid #767676;
      border-radius: 6px;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 35%);
    }
    textarea {
      font: inherit;
      width: 100%;
      box-sizing: border-box;
      min-height: 4rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }
  `];

  @property() heading = '';
  /** What the act does, in a sentence. */
  @property() text = '';
  @property() confirmLabel = 'Confirm';
  @property({ type: Boolean }) busy = false;
  @property() error = '';

  @state() private comment = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  private opener: HTMLElement | null = null;

  /** Opens it; `opener` gets the focus back when it closes. */
  async open(opener: HTMLElement | null): Promise<void> {
    this.opener = opener;
    this.comment = '';
    this.error = '';
    await this.updateComplete;
    if (!this.dialog.open) {
      this.dialog.showModal();
    }
    this.renderRoot.querySelector<HTMLElement>('[data-testid="act-comment"]')?.focus();
  }

  close(): void {
    if (this.dialog?.open) {
      this.dialog.close();
    }
  }

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Escape, Cancel or close(): the focus goes back where it came from. */
  private onClose(): void {
    this.dispatchEvent(new CustomEvent('act-cancelled'));
    this.opener?.focus();
  }

  private confirm(e: Event): void {
    e.preventDefault();
    if (!this.busy) {
      this.dispatchEvent(new CustomEvent<string>('act-confirmed', { detail: this.comment.trim() }));
    }
  }

  render() {
    return html`<dialog data-testid="act-dialog" aria-labelledby="act-heading" aria-describedby="act-text"
      @close=${this.onClose}>
      <form @submit=${this.confirm}>
        <h2 id="act-heading">${this.heading}</h2>
        <p id="act-text">${this.text}</p>
        <label for="act-comment">Comment for the audit (optional)</label>
        <textarea id="act-comment" data-testid="act-comment" maxlength=${COMMENT_MAX_LENGTH}
          aria-describedby="act-comment-hint" .value=${this.comment}
          @input=${(e: Event) => { this.comment = (e.target as HTMLTextAreaElement).value; }}></textarea>
        <p class="hint" id="act-comment-hint">Why, for whoever reads the history later. At most
          ${COMMENT_MAX_LENGTH} characters.</p>
        ${this.error ? html`<p class="error" role="alert" data-testid="act-error">${this.error}</p>` : nothing}
        <div class="row">
          <button type="submit" data-testid="act-confirm" ?disabled=${this.busy}>${this.confirmLabel}</button>
          <button type="button" class="secondary" data-testid="act-cancel" @click=${() => this.close()}>Cancel</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-act-dialog': ConsoleActDialog;
  }
}
