import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PortalApi } from '../portal-api';
import type { Parameter, PortalApplication } from '../portal-types';
import { asCodedError, errorSentence } from '../words/errors';
import { amountProblemWords, amountRangeWords } from '../words/amounts';
import { formatPlainAmount, parseAmount } from '../words/format';
import { panelStyles } from './shared-styles';

/**
 * A typed editor for one parameter the catalogue lets the customer change: an amount (checked against
 * min and max), a choice among the catalogue's options, or a text (checked against its maximum length).
 * The server checks again; the page checks first so nothing doomed is sent.
 */
@customElement('cardsync-parameter-editor')
export class ParameterEditor extends LitElement {
  static styles = [panelStyles, css`
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
    }
  `];

  @property({ attribute: false }) api!: PortalApi;
  @property({ attribute: false }) app!: PortalApplication;
  @property({ attribute: false }) parameter!: Parameter;

  @state() private error = '';
  @state() private busy = false;

  firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('[data-testid="parameter-value"]')?.focus();
  }

  /** The raw value to send (as in Parameter.value), or a sentence saying what is wrong. */
  private checkValue(text: string): { value: string } | { problem: string } {
    const p = this.parameter;
    switch (p.type) {
      case 'AMOUNT': {
        const parsed = parseAmount(text, this.app.currency);
        const zero = text.trim() !== '' && /^0+([.,]0*)?$/.test(text.trim());
        if (!parsed.ok && !zero) {
          return { problem: amountProblemWords(parsed.problem === 'not-positive' ? 'not-a-number' : parsed.problem,
            this.app.currency, 50) };
        }
        const minor = parsed.ok ? parsed.minor : 0;
        if ((p.min !== null && minor < p.min) || (p.max !== null && minor > p.max)) {
          return { problem: amountRangeWords(p.min, p.max, this.app.currency) };
        }
        return { value: String(minor) };
      }
      case 'TEXT':
        if (p.maxLength !== null && text.length > p.maxLength) {
          return { problem: `Use at most ${p.maxLength} characters.` };
        }
        return { value: text };
      default:
        return { value: text };
    }
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('value') ?? '');
    const checked = this.checkValue(text);
    if ('problem' in checked) {
      this.error = checked.problem;
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await this.api.setParameter(this.app.id, this.parameter.slot, checked.value);
      this.dispatchEvent(new CustomEvent('portal-changed', { detail: this.app.id, bubbles: true, composed: true }));
    } catch (err) {
      this.error = errorSentence(asCodedError(err));
    } finally {
      this.busy = false;
    }
  }

  render() {
    const p = this.parameter;
    const id = `value-${p.slot}`;
    const current = p.pendingValue ?? p.value ?? '';
    return html`
      <form @submit=${this.save}>
        <div>
          <label for=${id}>New ${p.name.toLowerCase()}</label>
          ${p.type === 'CHOICE' ? html`
            <select id=${id} name="value" data-testid="parameter-value">
              ${(p.choices ?? []).map((c) => html`<option value=${c.key} ?selected=${c.key === current}>${c.label}</option>`)}
            </select>` : html`
            <input id=${id} name="value" data-testid="parameter-value"
              inputmode=${p.type === 'AMOUNT' ? 'decimal' : 'text'}
              maxlength=${p.type === 'TEXT' && p.maxLength !== null ? p.maxLength : nothing}
              .value=${p.type === 'AMOUNT' && /^\d+$/.test(current) ? formatPlainAmount(Number(current), this.app.currency)
                : current} />`}
        </div>
        <button type="submit" data-testid="parameter-save" ?disabled=${this.busy}>Save</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>Cancel</button>
      </form>
      ${this.error ? html`<p class="error" role="alert" data-testid="parameter-error">${this.error}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-parameter-editor': ParameterEditor;
  }
}
