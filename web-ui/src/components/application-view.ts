import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import type { PortalApi } from '../portal-api';
import type { BlockReason, CatalogueService, Change, Parameter, PortalApplication } from '../portal-types';
import { applicationStatusWords, blockDoneWords, changeStateWords, changeWords, isOpen, parameterValueWords, refusalOf } from '../words/changes';
import { asCodedError, errorSentence } from '../words/errors';
import { formatDateTime, formatMoney } from '../words/format';
import { panelStyles } from './shared-styles';
import './parameter-editor';

/**
 * One card application: balance, state, settings by name and meaning, services, the changes waiting for
 * the card and the history, blocking the card; counters and identifiers only under "Details for support".
 */
@customElement('cardsync-application')
export class ApplicationView extends LitElement {
  static styles = [panelStyles, css`
    ul.plain {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    ul.plain > li {
      border-top: 1px solid #e2e2e2;
      padding: 0.5rem 0;
    }
    .balance {
      font-size: 1.6rem;
      font-variant-numeric: tabular-nums;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    fieldset {
      border: 1px solid #c7c7c7;
      margin: 0.5rem 0;
    }
    fieldset label {
      display: inline;
      font-weight: 400;
    }
  `];

  @property({ attribute: false }) api!: PortalApi;
  @property({ attribute: false }) app!: PortalApplication;
  @property({ attribute: false }) catalogue: CatalogueService[] = [];

  @state() private editing: number | null = null;
  @state() private confirmingBlock = false;
  @state() private blockReason: BlockReason = 'LOST';
  @state() private error = '';
  @state() private busy = false;
  /** The block was accepted: its confirmation stays shown (and focused) in place of the block controls. */
  @state() private blockDone = false;
  /** A service just added: its "being added" row takes the focus once the reloaded application shows it. */
  private focusService: string | null = null;

  /** Another application in the same view (Lit reuses the element): nothing of the last one carries over. */
  protected willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('app') as PortalApplication | undefined;
    if (before && before.id !== this.app.id) {
      this.editing = null;
      this.confirmingBlock = false;
      this.error = '';
      this.blockDone = false;
      this.focusService = null;
    }
  }

  protected updated(): void {
    if (this.focusService !== null) {
      const row = this.renderRoot.querySelector<HTMLElement>(
        `[data-testid="service"][data-service-id="${CSS.escape(this.focusService)}"]`);
      if (row) {
        this.focusService = null;
        row.focus();
      }
    }
  }

  /** Puts the focus on the element with this selector once rendered (the control that replaced the one used). */
  private async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private closeEditor(slot: number): void {
    this.editing = null;
    void this.focusAfterRender(`[data-testid="parameter"][data-slot="${slot}"] [data-testid="parameter-edit"]`);
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('portal-changed', { detail: this.app.id, bubbles: true, composed: true }));
  }

  /** Does an act; `done` runs after it succeeded, before the portal reloads (to say so and move the focus). */
  private async act(action: () => Promise<unknown>, done: () => void): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await action();
      done();
      this.changed();
    } catch (e) {
      this.error = errorSentence(asCodedError(e));
    } finally {
      this.busy = false;
    }
  }

  private get locked(): boolean {
    return this.app.status !== 'ACTIVE' || this.app.blockRequested;
  }

  render() {
    const app = this.app;
    const open = app.changes.filter(isOpen);
    const settled = app.changes.filter((c) => !isOpen(c));
    return html`
      <p><a href="#/cards">\u2190 My cards</a></p>
      <section data-testid="application-card" data-application-id=${app.id} aria-labelledby="app-heading">
        <h2 id="app-heading" tabindex="-1">${app.productName}</h2>
        <p class="balance" data-testid="balance">${app.balance === null ? 'Balance not known yet'
          : formatMoney(app.balance, app.currency)}</p>
        ${app.balanceSeenAt ? html`<p class="hint">As your card showed it on ${formatDateTime(app.balanceSeenAt)}.</p>`
          : nothing}
        <p data-testid="application-status">${applicationStatusWords(app)}</p>
        <div class="row">
          ${this.locked ? nothing : html`<a href=${`#/applications/${app.id}/top-up`} data-testid="top-up-start">Top up</a>`}
        </div>
        ${this.error ? html`<p class="error" role="alert" data-testid="application-error">${this.error}</p>` : nothing}
      </section>
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Changes for your card</h2>
        ${open.length === 0 ? html`<p>Nothing is waiting for your card.</p>` : nothing}
        <ul class="plain" data-testid="change-list">${open.map((c) => this.change(c))}</ul>
      </section>
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <ul class="plain">${app.parameters.map((p) => this.parameter(p))}</ul>
      </section>
      ${this.services()}
      ${this.block()}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        ${settled.length === 0 ? html`<p>No changes yet.</p>` : nothing}
        <ul class="plain" data-testid="history">${settled.map((c) => this.change(c))}</ul>
      </section>
      ${this.support()}`;
  }

  private change(c: Change) {
    return html`<li data-testid="change" data-state=${c.state} data-change-id=${c.id}>
      <strong>${changeWords(c, this.app)}</strong> \u2014 <span>${changeStateWords(c)}</span>
      ${c.state === 'REFUSED' ? html`<br /><span class="hint">${refusalOf(c.reason).whatToDo}</span>` : nothing}
      <br /><span class="hint">Requested ${formatDateTime(c.requestedAt)}</span></li>`;
  }

  private parameter(p: Parameter) {
    const mayEdit = p.customerMayChange && !this.locked;
    return html`<li data-testid="parameter" data-slot=${p.slot}>
      <strong>${p.name}</strong>: <span data-testid="parameter-current">${parameterValueWords(p, p.value, this.app)}</span>
      ${p.pendingValue !== null ? html`<br /><span class="warn">Changing to
        ${parameterValueWords(p, p.pendingValue, this.app)} the next time you connect your card</span>` : nothing}
      <br /><span class="hint">${p.description}${p.customerMayChange ? '' : ' Set by your card issuer.'}</span>
      ${mayEdit && this.editing !== p.slot ? html`<div><button class="secondary" data-testid="parameter-edit"
        @click=${() => { this.editing = p.slot; }}>Change<span class="visually-hidden"> ${p.name}</span></button></div>`
        : nothing}
      ${this.editing === p.slot ? html`<cardsync-parameter-editor .api=${this.api} .app=${this.app} .parameter=${p}
        @cancel=${() => this.closeEditor(p.slot)} @portal-changed=${() => this.closeEditor(p.slot)}>
        </cardsync-parameter-editor>` : nothing}
    </li>`;
  }

  private services() {
    const present = new Set(this.app.services.map((s) => s.serviceId));
    const offered = this.catalogue.filter((s) => !present.has(s.serviceId));
    return html`<section aria-labelledby="services-heading">
      <h2 id="services-heading">Services</h2>
      ${this.app.services.length === 0 ? html`<p>No services on this card yet.</p>` : nothing}
      <ul class="plain">${this.app.services.map((s) => html`<li data-testid="service" data-service-id=${s.serviceId}
        tabindex="-1">
        <strong>${s.name}</strong>${s.state === 'BEING_ADDED' ? ' \u2014 being added: waiting for your card' : ''}
        <br /><span class="hint">${s.description}</span></li>`)}</ul>
      ${offered.length && !this.locked ? html`<h3>Add a service</h3>
        <ul class="plain">${offered.map((s) => html`<li>${s.name}: <span class="hint">${s.description}</span>
          <div><button class="secondary" data-testid="service-add" data-service-id=${s.serviceId} ?disabled=${this.busy}
            @click=${() => this.act(() => this.api.addService(this.app.id, s.serviceId),
              () => { this.focusService = s.serviceId; })}>Add ${s.name}</button></div>
        </li>`)}</ul>` : nothing}
    </section>`;
  }

  private block() {
    if (this.blockDone) {
      return html`<section aria-labelledby="block-heading">
        <h2 id="block-heading">Lost or stolen card</h2>
        <p class="ok" role="status" tabindex="-1" data-testid="block-done">${blockDoneWords()}</p>
      </section>`;
    }
    if (this.app.status === 'BLOCKED' || this.app.blockRequested) {
      return nothing;
    }
    return html`<section aria-labelledby="block-heading">
      <h2 id="block-heading">Lost or stolen card</h2>
      ${!this.confirmingBlock ? html`<button class="secondary" data-testid="block-card"
        @click=${() => { this.confirmingBlock = true; void this.focusAfterRender('#block-what'); }}>Block my card</button>`
        : html`
        <div role="group" aria-labelledby="block-what">
          <p id="block-what" tabindex="-1"><strong>Blocking takes effect with us at once.</strong> From
            then on we send no top-ups or changes to this card, and changes still waiting are put on hold. If the card
            is connected again, it locks itself. To use it again you will need to contact your card issuer.</p>
          <fieldset><legend>What happened?</legend>
            ${(['LOST', 'STOLEN'] as const).map((r) => html`<div><input type="radio" id=${`reason-${r}`} name="reason"
              value=${r} ?checked=${this.blockReason === r} @change=${() => { this.blockReason = r; }} />
              <label for=${`reason-${r}`}>${r === 'LOST' ? 'I lost it' : 'It was stolen'}</label></div>`)}
          </fieldset>
          <div class="row">
            <button data-testid="block-confirm" ?disabled=${this.busy}
              @click=${() => this.act(() => this.api.block(this.app.id, this.blockReason), () => {
                this.blockDone = true;
                this.confirmingBlock = false;
                void this.focusAfterRender('[data-testid="block-done"]');
              })}>Block the card</button>
            <button class="secondary" @click=${() => {
              this.confirmingBlock = false;
              void this.focusAfterRender('[data-testid="block-card"]');
            }}>Keep it working</button>
          </div>
        </div>`}
    </section>`;
  }

  private support() {
    const app = this.app;
    return html`<details data-testid="support-details">
      <summary>Details for support</summary>
      <dl>
        <dt>Card id</dt><dd>${app.cardId}</dd>
        <dt>Application (AID)</dt><dd>${app.aid}</dd>
        <dt>Application number</dt><dd>${app.id}</dd>
        <dt>Confirmed action counter (CA)</dt><dd>${app.support.confirmedCa}</dd>
        <dt>Last transaction counter (ATC)</dt><dd>${app.support.lastAtc}</dd>
        <dt>Key version</dt><dd>${app.support.keyVersion}</dd>
        ${app.support.frozenReason ? html`<dt>Frozen</dt><dd>${app.support.frozenReason}</dd>` : nothing}
        <dt>Status code</dt><dd>${app.status}</dd>
        <dt>Changes (action ids)</dt><dd>${app.changes.map((c) => `${c.kind} ${c.state} [${c.actionIds.join(', ')}]`
          ).join('; ') || 'none'}</dd>
      </dl>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-application': ApplicationView;
  }
}
