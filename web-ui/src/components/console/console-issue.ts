import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConsoleApi } from '../../console-api';
import { randomCardId } from '../../console-secrets';
import { saveJsonFile } from '../../save-file';
import type { PersonalisationFile, Product, SessionInfo } from '../../console-types';
import {
  CARD_LIMITS, checkIssue, emptyApplication, productCurrency, type ApplicationDraft, type IssueDraft, type Problems,
} from '../../words/console-issue';
import { consoleErrorSentence } from '../../words/console-errors';
import { panelStyles } from '../shared-styles';
import { focusFirstProblem } from './form-focus';

function emptyDraft(): IssueDraft {
  return { cardId: '', owner: '', applications: [emptyApplication()] };
}

/**
 * Admin: issue a card (CONSOLE-CONTRACT.md "Admin"). The form is checked as the API checks it, each problem a
 * sentence beside its field. The answer, the personalisation file, holds the card's keys: it is offered for
 * download exactly once, with the warning before and after, and the page drops it from memory once saved (or
 * when the screen is left). The activation code of an unowned card is shown this once, for the customer.
 */
@customElement('console-issue')
export class ConsoleIssue extends LitElement {
  static styles = [panelStyles, css`
    fieldset {
      border: 1px solid #c7c7c7;
      border-radius: 6px;
      margin: 0.75rem 0;
      min-width: 0; /* a fieldset is as wide as its widest content by default: a long product name would widen the page */
    }
    select {
      width: 100%;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.5rem;
    }
    .warning {
      border-left: 4px solid #8a4b00;
      padding: 0.25rem 0.75rem;
      background: #fff7e6;
    }
    .code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 1.4rem;
      letter-spacing: 0.1em;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) session!: SessionInfo;
  /** Where the file goes: the browser's downloads (tests pass their own). */
  @property({ attribute: false }) saveFile: (name: string, text: string) => void = saveJsonFile;

  @state() private products: Product[] = [];
  @state() private productsError = '';
  @state() private draft: IssueDraft = emptyDraft();
  @state() private problems: Problems = {};
  @state() private busy = false;
  @state() private error = '';
  /** The answer until it is saved: held only for the one download. */
  @state() private file: PersonalisationFile | null = null;
  @state() private issued: { cardId: string; activationCode: string | null; savedAs: string | null } | null = null;

  /** While the file is held and not saved, closing or reloading the tab asks first: the file exists nowhere else. */
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.file) {
      e.preventDefault();
    }
  };

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    void this.loadProducts();
  }

  /** The shell asks this before leaving the screen (console-app.ts GuardedScreen): the file exists nowhere else. */
  leaveQuestion(): string | null {
    return this.file ? 'The personalisation file has not been downloaded. If you leave this screen, it is lost and '
      + 'the card must be issued again under a new card id. Leave anyway?' : null;
  }

  /** Leaving the screen drops the file (it exists nowhere else). */
  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    this.file = null;
    this.issued = null;
  }

  private async loadProducts(): Promise<void> {
    try {
      this.products = await this.api.products();
      this.productsError = '';
    } catch (e) {
      this.productsError = consoleErrorSentence(e);
    }
  }

  private setCard(change: Partial<IssueDraft>): void {
    this.draft = { ...this.draft, ...change };
  }

  private setApp(index: number, change: Partial<ApplicationDraft>): void {
    this.draft = { ...this.draft,
      applications: this.draft.applications.map((a, i) => (i === index ? { ...a, ...change } : a)) };
  }

  /** A new application's fieldset, the focus on its product. */
  private async addApplication(): Promise<void> {
    this.setCard({ applications: [...this.draft.applications, emptyApplication()] });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#app${this.draft.applications.length - 1}-aid`)?.focus();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const check = checkIssue(this.draft, this.products);
    this.error = '';
    if (!check.ok) {
      this.problems = check.problems;
      await focusFirstProblem(this);
      return;
    }
    this.problems = {};
    this.busy = true;
    try {
      const file = await this.api.issue(check.request);
      this.file = file;
      this.issued = { cardId: file.cardId, activationCode: file.activationCode ?? null, savedAs: null };
      this.draft = emptyDraft(); // the PINs typed are not kept either
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#issued-heading')?.focus();
    } catch (err) {
      this.error = consoleErrorSentence(err);
    } finally {
      this.busy = false;
    }
  }

  private download(): void {
    if (!this.file || !this.issued) return;
    const name = `cardsync-personalisation-${this.file.cardId}.json`;
    this.saveFile(name, `${JSON.stringify(this.file, null, 2)}\n`);
    this.file = null;
    this.issued = { ...this.issued, savedAs: name };
  }

  private another(): void {
    this.file = null;
    this.issued = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#issue-heading')?.focus());
  }

  render() {
    return this.issued ? this.result(this.issued) : this.form();
  }

  private warning() {
    return html`<div class="warning" data-testid="issue-warning" role="note">
      <p><strong>The personalisation file holds this card\u2019s keys.</strong> Only the person who personalises
        the card may hold it. It is not stored anywhere and cannot be downloaded again. Load it onto the card, then
        delete it and empty the trash.</p>
      ${this.file ? html`<p data-testid="issue-leave-warning">Download it before you leave this screen: leaving
        (a link, Back, or the session ending) throws it away, and the card would have to be issued again under a new
        card id. The page asks before a link or Back leaves.</p>` : nothing}</div>`;
  }

  private result(issued: { cardId: string; activationCode: string | null; savedAs: string | null }) {
    return html`<section aria-labelledby="issued-heading">
      <h2 id="issued-heading" tabindex="-1">Card ${issued.cardId} issued</h2>
      ${this.warning()}
      ${issued.activationCode ? html`<p>Activation code for the customer, shown only now: they need it with the card
        to link it in the portal.</p>
        <p class="code" data-testid="issue-activation-code">${issued.activationCode}</p>` : nothing}
      ${issued.savedAs === null ? html`<div class="row"><button data-testid="issue-download" @click=${this.download}>
          Download the personalisation file (once)</button></div>`
        : html`<p class="ok" role="status" data-testid="issue-downloaded">Saved as ${issued.savedAs}. This page no longer
          holds it; if it is lost, the card must be issued again under a new id.</p>`}
      <div class="row"><button class="secondary" data-testid="issue-another" @click=${this.another}>Issue another card
        </button></div>
    </section>`;
  }

  private problem(key: string) {
    const text = this.problems[key];
    return text ? html`<p class="error" id=${`${key}-error`}>${text}</p>` : nothing;
  }

  private invalid(key: string): 'true' | 'false' {
    return this.problems[key] ? 'true' : 'false';
  }

  private form() {
    const d = this.draft;
    return html`<section aria-labelledby="issue-heading">
      <h2 id="issue-heading" tabindex="-1">Issue a card</h2>
      ${this.productsError ? html`<p class="error" role="alert">${this.productsError}</p>` : nothing}
      ${this.warning()}
      <form data-testid="issue-form" novalidate @submit=${this.submit}>
        <label for="card-id">Card id (optional)</label>
        <p class="hint" id="card-id-hint">${CARD_LIMITS.cardIdHexDigits} hexadecimal digits. Leave it empty to have the
          server draw one.</p>
        <div class="row">
          <input id="card-id" data-testid="issue-card-id" autocomplete="off" spellcheck="false" .value=${d.cardId}
            maxlength=${CARD_LIMITS.cardIdHexDigits} aria-describedby="card-id-hint cardId-error"
            aria-invalid=${this.invalid('cardId')}
            @input=${(e: Event) => this.setCard({ cardId: (e.target as HTMLInputElement).value })} />
          <button type="button" class="secondary" data-testid="issue-random-card-id"
            @click=${() => this.setCard({ cardId: randomCardId() })}>Draw a random id</button>
        </div>
        ${this.problem('cardId')}
        <label for="owner">Owner (optional)</label>
        <p class="hint" id="owner-hint">The customer\u2019s user name. Without one the card is unowned, and you get an
          activation code to hand to the customer with the card.</p>
        <input id="owner" data-testid="issue-owner" autocomplete="off" spellcheck="false" .value=${d.owner}
          aria-describedby="owner-hint owner-error" aria-invalid=${this.invalid('owner')}
          @input=${(e: Event) => this.setCard({ owner: (e.target as HTMLInputElement).value })} />
        ${this.problem('owner')}
        ${d.applications.map((a, i) => this.application(a, i))}
        ${this.problem('applications')}
        <div class="row">
          ${d.applications.length < CARD_LIMITS.maxApplications ? html`<button type="button" class="secondary"
            data-testid="issue-add-application" @click=${this.addApplication}>Add an application</button>` : nothing}
          <button type="submit" data-testid="issue-submit" ?disabled=${this.busy}>Issue the card</button>
        </div>
        ${this.error ? html`<p class="error" role="alert" data-testid="issue-error">${this.error}</p>` : nothing}
      </form>
    </section>`;
  }

  private application(a: ApplicationDraft, i: number) {
    const id = (field: string) => `app${i}-${field}`;
    const key = (field: string) => `app${i}.${field}`;
    const product = this.products.find((p) => p.aid.toLowerCase() === a.aid.toLowerCase());
    const currency = product ? ` (${productCurrency(product).code})` : '';
    const field = (name: 'purseLimit' | 'balance' | 'pin' | 'pinTryLimit', testId: string, label: string,
      inputmode: string, type = 'text') => html`
      <label for=${id(name)}>${label}</label>
      <input id=${id(name)} type=${type} data-testid=${testId} inputmode=${inputmode} autocomplete="off"
        .value=${a[name]} aria-invalid=${this.invalid(key(name))} aria-describedby=${`${key(name)}-error`}
        @input=${(e: Event) => this.setApp(i, { [name]: (e.target as HTMLInputElement).value })} />
      ${this.problem(key(name))}`;
    return html`<fieldset data-testid="issue-application">
      <legend>Application ${i + 1}</legend>
      <label for=${id('aid')}>Product</label>
      <select id=${id('aid')} data-testid="issue-aid" aria-invalid=${this.invalid(key('aid'))}
        aria-describedby=${`${key('aid')}-error`}
        @change=${(e: Event) => this.setApp(i, { aid: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${a.aid === ''}>Choose a product</option>
        ${this.products.map((p) => html`<option value=${p.aid} ?selected=${p.aid === a.aid}>${p.productName}
          (${productCurrency(p).code}, AID ${p.aid})</option>`)}
      </select>
      ${this.problem(key('aid'))}
      ${field('purseLimit', 'issue-purse-limit', `Purse limit${currency}`, 'decimal')}
      ${field('balance', 'issue-balance', `Initial balance${currency}`, 'decimal')}
      ${field('pin', 'issue-pin', `PIN (${CARD_LIMITS.pinMinLength} to ${CARD_LIMITS.pinMaxLength} digits)`, 'numeric',
        'password')}
      ${field('pinTryLimit', 'issue-pin-try-limit', 'PIN tries before the PIN locks', 'numeric')}
      <details ?open=${a.parameters.length > 0}>
        <summary>Parameters (optional)</summary>
        <p class="hint">Each a slot from 0 to ${CARD_LIMITS.maxParameterSlot} and its bytes in hexadecimal, as the
          card stores them. Slots left out start empty.</p>
        ${a.parameters.map((p, j) => html`<div class="row" role="group" aria-label=${`Parameter ${j + 1}`}>
          <label for=${id(`slot${j}`)}>Slot</label>
          <input id=${id(`slot${j}`)} data-testid="issue-parameter-slot" inputmode="numeric" size="2" .value=${p.slot}
            aria-invalid=${this.invalid(key(`param${j}`))} aria-describedby=${`${key(`param${j}`)}-error`}
            @input=${(e: Event) => this.setApp(i, { parameters: a.parameters.map((q, k) => (k === j
              ? { ...q, slot: (e.target as HTMLInputElement).value } : q)) })} />
          <label for=${id(`value${j}`)}>Bytes</label>
          <input id=${id(`value${j}`)} data-testid="issue-parameter-value" spellcheck="false" .value=${p.value}
            @input=${(e: Event) => this.setApp(i, { parameters: a.parameters.map((q, k) => (k === j
              ? { ...q, value: (e.target as HTMLInputElement).value } : q)) })} />
          <button type="button" class="secondary" @click=${() => this.setApp(i, {
            parameters: a.parameters.filter((_, k) => k !== j) })}>Remove<span class="visually-hidden"> parameter
            ${j + 1}</span></button>
        </div>${this.problem(key(`param${j}`))}`)}
        <button type="button" class="secondary" data-testid="issue-add-parameter" @click=${() => this.setApp(i, {
          parameters: [...a.parameters, { slot: String(a.parameters.length), value: '' }] })}>Add a parameter</button>
      </details>
      ${this.draft.applications.length > 1 ? html`<div class="row"><button type="button" class="secondary"
        @click=${() => this.setCard({ applications: this.draft.applications.filter((_, k) => k !== i) })}>Remove
        application ${i + 1}</button></div>` : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-issue': ConsoleIssue;
  }
}
