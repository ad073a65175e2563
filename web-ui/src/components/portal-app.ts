import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { AgentConnection } from '../agent/agent-connection';
import { DEFAULT_AGENT_URL, agentUrlFromQuery } from '../agent-client';
import { applicationsOf, linkAids, PortalApi } from '../portal-api';
import { PortalEvents } from '../portal-events';
import type { AgentDownload, CatalogueService, PortalCard, PortalProduct, SessionInfo } from '../portal-types';
import { parseRoute, type Route } from '../router';
import { SyncController } from '../sync-controller';
import { TerminalApi } from '../terminal-api';
import { asCodedError, errorSentence } from '../words/errors';
import { outcomeSentences } from '../words/sync';
import { panelStyles } from './shared-styles';
import type { SyncStatus } from './sync-status';
import './agent-status';
import './application-view';
import './card-list';
import './link-view';
import './sign-in-view';
import './sync-status';
import './top-up-view';

/** Where `?agent=` is kept for this tab, so that coming back from the payment page finds the same agent. */
const AGENT_URL_KEY = 'cardsync.agent-url';

/**
 * The agent's address: `?agent=` of this page, else the one this tab was given earlier (the payment page
 * returns to `/` without it), else the default. Either is checked to be loopback (agentUrlFromQuery).
 */
function agentUrl(): string {
  try {
    const given = new URLSearchParams(window.location.search).get('agent');
    if (given) {
      const url = agentUrlFromQuery(window.location.search);
      window.sessionStorage.setItem(AGENT_URL_KEY, url);
      return url;
    }
    const kept = window.sessionStorage.getItem(AGENT_URL_KEY);
    return kept ? agentUrlFromQuery(`?agent=${encodeURIComponent(kept)}`) : DEFAULT_AGENT_URL;
  } catch {
    return DEFAULT_AGENT_URL; // a crafted ?agent= is ignored, never followed
  }
}

/** The customer portal: session, routes, the customer's cards, the card reader and its synchronisation. */
@customElement('cardsync-portal')
export class PortalApp extends LitElement {
  static styles = [panelStyles, css`
    :host {
      font-family: system-ui, sans-serif;
      line-height: 1.45;
      color: #1a1a1a;
      max-width: 48rem;
      margin: 0 auto;
      padding: 0 0.75rem 2rem;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
      padding: 0.75rem 0;
    }
    h1 {
      font-size: 1.4rem;
      margin: 0;
    }
  `];

  private readonly api = new PortalApi();
  private readonly terminal = new TerminalApi(this.api.backend);
  private readonly agent = new AgentConnection(this, {
    url: agentUrl(),
    onCardInserted: () => this.sync.request(),
    onCardRemoved: () => this.sync.forget(),
  });
  private readonly sync = new SyncController(this, this.agent, this.api, this.terminal,
    () => (this.loaded ? this.cards : null),
    (cards) => { this.cards = cards; }, (byCustomer) => byCustomer && void this.focusOutcome());
  private readonly events = new PortalEvents({
    onNotice: (notice) => void this.onNotice(notice.applicationId),
    onReopened: () => void this.catchUp(),
    // A 401 here reaches onUnauthorised, which signs the customer out; anything else changes nothing.
    checkSession: () => void this.api.session().catch(() => undefined),
  });

  @state() private session: SessionInfo | null | undefined = undefined;
  @state() private route: Route = parseRoute(window.location.hash);
  @state() private cards: PortalCard[] = [];
  @state() private loaded = false;
  @state() private catalogue: CatalogueService[] = [];
  @state() private download: AgentDownload | null = null;
  /** The issuer's products (the AIDs a card to be linked may carry). */
  private products: PortalProduct[] = [];
  @state() private notice = '';
  @state() private loadError = '';
  @state() private simBusy = false;
  @query('cardsync-sync-status') private syncStatus?: SyncStatus;

  /**
   * After a synchronisation the customer started (their payment, "Try again") the focus goes to its outcome,
   * so keyboard and screen reader users land on what happened; not while they are typing in a field. A run
   * that started by itself (card inserted, live notice) leaves the focus where it is: the outcome's
   * role="status" announces it.
   */
  private async focusOutcome(): Promise<void> {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    if (active && ['INPUT', 'SELECT', 'TEXTAREA'].includes(active.tagName)) {
      return;
    }
    await this.updateComplete;
    await this.syncStatus?.focusOutcome();
  }

  private readonly onHashChange = () => {
    this.route = parseRoute(window.location.hash);
    if (this.session) {
      void this.focusViewHeading(); // the sign-in screen puts the focus in its form itself
    }
  };

  /** A new screen: the focus goes to its heading, so keyboard and screen reader users start there. */
  private async focusViewHeading(): Promise<void> {
    await this.updateComplete;
    const view = this.renderRoot.querySelector('[data-view] > *');
    if (view instanceof LitElement) {
      await view.updateComplete;
      view.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
  }

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.api.backend.onUnauthorised(() => this.signedOut('Your session has ended. Sign in again to continue.'));
    void this.start();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.events.close();
  }

  private async start(): Promise<void> {
    try {
      await this.signedIn(await this.api.session());
    } catch {
      this.signedOut('');
    }
  }

  /** @param justNow the customer signed in on this page (the focus goes to the screen they land on). */
  private async signedIn(session: SessionInfo, justNow = false): Promise<void> {
    this.session = session;
    this.notice = '';
    if (this.route.name === 'sign-in') {
      window.location.hash = '#/cards'; // the hashchange focuses its heading
    } else if (justNow) {
      void this.focusViewHeading();
    }
    if (session.role !== 'customer') {
      return; // staff have no cards here (the portal API answers customers only)
    }
    this.events.open();
    await this.reload();
    this.api.services().then((s) => { this.catalogue = s; }, () => undefined);
    this.api.products().then((p) => { this.products = p; }, () => undefined);
    this.api.agentDownload().then((d) => { this.download = d; }, () => undefined);
    this.sync.request();
  }

  private signedOut(notice: string): void {
    this.session = null;
    this.notice = notice;
    this.cards = [];
    this.loaded = false;
    this.products = [];
    this.sync.reset();
    this.events.close();
    if (this.route.name !== 'sign-in') {
      window.location.hash = '#/sign-in';
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector('cardsync-sign-in')?.focus());
  }

  private async signOut(): Promise<void> {
    await this.api.signOut().catch(() => undefined);
    this.signedOut('You have signed out.');
  }

  private async reload(): Promise<void> {
    try {
      this.cards = await this.api.cards();
      this.loaded = true;
      this.loadError = '';
    } catch (e) {
      this.loadError = errorSentence(asCodedError(e));
    }
  }

  private async onNotice(applicationId: number): Promise<void> {
    await this.reload();
    this.sync.request(applicationId);
  }

  /** An act of the customer's changed an application (detail: its id), or linked a card (no detail). */
  /** The live notices were closed for a while: what they would have said is in the cards now. */
  private async catchUp(): Promise<void> {
    await this.reload();
    this.sync.request();
  }

  private async changed(e: CustomEvent<number | undefined>): Promise<void> {
    await this.reload();
    if (typeof e.detail === 'number') {
      this.sync.request(e.detail);
    } else {
      this.sync.cardLinked();
    }
  }

  private async paid(): Promise<void> {
    await this.reload();
    this.sync.request(null, true);
  }

  private async simulate(e: CustomEvent<'insert' | 'remove'>): Promise<void> {
    this.simBusy = true;
    try {
      await this.agent.simulate(e.detail);
    } catch {
      // The reader's next event shows where the card is; nothing else to say.
    } finally {
      this.simBusy = false;
    }
  }

  render() {
    return html`
      <header>
        <h1>cardsync</h1>
        ${this.session ? html`<div><span class="hint">Signed in as ${this.session.username}</span>
          <button class="secondary" data-testid="sign-out" @click=${this.signOut}>Sign out</button></div>` : nothing}
      </header>
      <main>
        ${this.session === undefined ? html`<p>Loading\u2026</p>` : this.session === null ? html`
          <cardsync-sign-in .api=${this.api} .notice=${this.notice}
            @signed-in=${(e: CustomEvent<SessionInfo>) => this.signedIn(e.detail, true)}></cardsync-sign-in>`
        : this.session.role !== 'customer' ? html`<p data-testid="staff-notice">This site is for card holders. You are
            signed in as staff: use the <a href="/console.html" data-testid="console-link">helpdesk console</a>
            instead, or sign out and sign in with a card holder\u2019s account.</p>` : html`
          ${this.reader()}
          ${this.loadError ? html`<p class="error" role="alert" data-testid="load-error">${this.loadError}</p>` : nothing}
          <div data-view @portal-changed=${this.changed} @payment-paid=${this.paid}>${this.view()}</div>`}
      </main>`;
  }

  private reader() {
    const sync = this.sync;
    const report = sync.report;
    return html`<section aria-label="Card reader" data-testid="reader-panel">
      <cardsync-agent-status .state=${this.agent.state} .seenBefore=${this.agent.seenBefore}
        .simulation=${Boolean(this.agent.info?.simulation)} .cardPresent=${Boolean(this.agent.cardReader)}
        .busy=${this.simBusy} .download=${this.download}
        .promptFailed=${this.agent.promptFailed} .blockedBy=${this.agent.blockedBy}
        @retry=${() => this.agent.retryNow()} @simulate=${this.simulate}></cardsync-agent-status>
      ${sync.foreignCard && this.route.name !== 'link' ? html`<p class="warn" data-testid="foreign-card">The card in the
        reader is not linked to your account. <a href="#/link">Link it</a> if it is yours.</p>` : nothing}
      <cardsync-sync-status .running=${sync.running} .items=${sync.items}
        .outcome=${report ? outcomeSentences(report) : []} .outcomeKind=${report?.kind ?? ''}
        .canRetry=${Boolean(this.agent.cardReader)} @sync-again=${() => this.sync.request(null, true)}>
      </cardsync-sync-status>
    </section>`;
  }

  private view() {
    const route = this.route;
    const app = 'id' in route ? applicationsOf(this.cards).find((a) => a.id === route.id) : undefined;
    switch (route.name) {
      case 'application':
        return app ? html`<cardsync-application .api=${this.api} .app=${app} .catalogue=${this.catalogue}>
          </cardsync-application>` : this.missing();
      case 'top-up':
        return app ? html`<cardsync-top-up .api=${this.api} .app=${app} .paymentId=${route.paymentId}>
          </cardsync-top-up>` : this.missing();
      case 'link':
        return html`<cardsync-link-card .api=${this.api} .cardPresent=${Boolean(this.agent.cardReader)}
          .prove=${this.agent.client ? () => this.sync.prove(linkAids(this.cards, this.products)) : null}>
          </cardsync-link-card>`;
      default:
        return html`<cardsync-card-list .cards=${this.cards} .loaded=${this.loaded}></cardsync-card-list>`;
    }
  }

  private missing() {
    return this.loaded ? html`<p>We could not find that card application. <a href="#/cards">Back to My cards</a></p>`
      : html`<p>Loading\u2026</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-portal': PortalApp;
  }
}
