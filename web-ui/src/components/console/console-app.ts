import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleApi } from '../../console-api';
import { ConsoleEvents } from '../../console-events';
import { adminOnly, parseConsoleRoute, type ConsoleRoute } from '../../console-router';
import type { ConsoleNotice, SessionInfo } from '../../console-types';
import { shellWords } from '../../words/console';
import { panelStyles } from '../shared-styles';
import '../sign-in-view';

/**
 * What a screen of the console may offer the shell: `liveChanged` is called on the shown screen for every
 * live notice (the application's id, or null when anything may have changed: resync, socket reopened).
 */
export interface LiveScreen {
  liveChanged(applicationId: number | null): void;
}

function isLiveScreen(element: Element | null): element is Element & LiveScreen {
  return element !== null && typeof (element as Partial<LiveScreen>).liveChanged === 'function';
}

/**
 * A screen that holds something leaving would lose (the issued card's only personalisation file): `leaveQuestion`
 * answers the question to ask before the route changes, or null when leaving loses nothing.
 */
export interface GuardedScreen {
  leaveQuestion(): string | null;
}

function isGuardedScreen(element: Element | null): element is Element & GuardedScreen {
  return element !== null && typeof (element as Partial<GuardedScreen>).leaveQuestion === 'function';
}

/**
 * The helpdesk console: session, routes, navigation and the live notices. Every screen is an element given
 * `.api` (ConsoleApi), `.session` and `.route`; the screens of console-ui2 (`console-alerts`,
 * `console-dashboard`, `console-issue`, `console-staff`) are imported by console-main.ts.
 */
@customElement('cardsync-console')
export class ConsoleApp extends LitElement {
  static styles = [panelStyles, css`
    :host {
      font-family: system-ui, sans-serif;
      line-height: 1.45;
      color: #1a1a1a;
      max-width: 72rem;
      margin: 0 auto;
      padding: 0 0.75rem 2rem;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.75rem 0;
    }
    h1 {
      font-size: 1.4rem;
      margin: 0;
    }
    nav ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    nav a[aria-current='page'] {
      font-weight: 700;
      text-decoration: none;
      border-bottom: 3px solid #1f4e8c;
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .live {
      font-size: 0.85rem;
      padding: 0.1rem 0.5rem;
      border-radius: 1rem;
      border: 1px solid currentColor;
    }
  `];

  private readonly api = new ConsoleApi();
  private readonly events = new ConsoleEvents({
    onNotice: (notice) => this.onNotice(notice),
    onReopened: () => this.tellScreen(null),
    // A 401 here reaches onUnauthorised, which signs the user out; anything else changes nothing.
    checkSession: () => void this.api.session().catch(() => undefined),
    onLive: (live) => { this.live = live; },
  });

  @state() private session: SessionInfo | null | undefined = undefined;
  @state() private route: ConsoleRoute = parseConsoleRoute(window.location.hash);
  @state() private live = false;
  @state() private notice = '';

  /** The address of the screen shown, to go back to when the user chooses to stay on it. */
  private shownUrl = window.location.href;

  private readonly onHashChange = () => {
    if (window.location.href !== this.shownUrl && !this.mayLeave()) {
      // Back to where the user stays, without a new history entry or another hashchange.
      window.history.replaceState(window.history.state, '', this.shownUrl);
      return;
    }
    this.shownUrl = window.location.href;
    this.route = parseConsoleRoute(window.location.hash);
    if (this.session) {
      void this.focusViewHeading(); // the sign-in screen puts the focus in its form itself
    }
  };

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.api.backend.onUnauthorised(() => this.signedOut(shellWords.sessionEnded));
    void this.start();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.events.close();
  }

  /**
   * A nav link, Back or a typed address changes the hash, which would unmount the screen: a screen that would lose
   * something asks first. A session that ended is not asked: the screen is gone with it.
   */
  private mayLeave(): boolean {
    const screen = this.session ? this.renderRoot.querySelector('[data-view] > *') : null;
    const question = isGuardedScreen(screen) ? screen.leaveQuestion() : null;
    return question === null || window.confirm(question);
  }

  /** A new screen: the focus goes to its heading, so keyboard and screen reader users start there. */
  private async focusViewHeading(): Promise<void> {
    await this.updateComplete;
    const view = this.renderRoot.querySelector('[data-view] > *');
    if (view instanceof LitElement) {
      await view.updateComplete;
    }
    (view?.shadowRoot ?? view)?.querySelector<HTMLElement>('h2')?.focus();
  }

  private async start(): Promise<void> {
    try {
      await this.signedIn(await this.api.session());
    } catch {
      this.signedOut('');
    }
  }

  private isStaff(session: SessionInfo): boolean {
    return session.role === 'helpdesk' || session.role === 'admin';
  }

  /** @param justNow the user signed in on this page (the focus goes to the screen they land on). */
  private async signedIn(session: SessionInfo, justNow = false): Promise<void> {
    this.session = session;
    this.notice = '';
    if (this.route.name === 'sign-in') {
      window.location.hash = '#/search'; // the hashchange focuses its heading
    } else if (justNow) {
      void this.focusViewHeading();
    }
    if (this.isStaff(session)) {
      this.events.open(); // a customer's page calls nothing but /api/session
    }
  }

  private signedOut(notice: string): void {
    this.session = null;
    this.notice = notice;
    this.events.close();
    if (this.route.name !== 'sign-in') {
      window.location.hash = '#/sign-in';
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector('cardsync-sign-in')?.focus());
  }

  private async signOut(): Promise<void> {
    await this.api.signOut().catch(() => undefined);
    this.signedOut(shellWords.signedOut);
  }

  protected updated(): void {
    document.title = shellWords.pageTitle(this.screenName());
  }

  /** The shown screen's name, as the nav calls it. */
  private screenName(): string {
    const session = this.session;
    if (!session || this.route.name === 'sign-in') {
      return session === undefined ? shellWords.loading : shellWords.signInTitle;
    }
    if (!this.isStaff(session)) {
      return shellWords.forbiddenHeading;
    }
    switch (this.route.name) {
      case 'application':
        return shellWords.applicationTitle(this.route.id);
      case 'alerts':
        return shellWords.navAlerts;
      case 'dashboard':
        return shellWords.navDashboard;
      case 'admin-issue':
        return session.role === 'admin' ? shellWords.navIssue : shellWords.adminOnlyHeading;
      case 'admin-staff':
        return session.role === 'admin' ? shellWords.navStaff : shellWords.adminOnlyHeading;
      default:
        return shellWords.navSearch;
    }
  }

  private onNotice(notice: ConsoleNotice): void {
    this.tellScreen(notice.type === 'changed' ? notice.applicationId : null);
  }

  private tellScreen(applicationId: number | null): void {
    const screen = this.renderRoot.querySelector('[data-view] > *');
    if (isLiveScreen(screen)) {
      screen.liveChanged(applicationId);
    }
  }

  render() {
    const session = this.session;
    return html`
      <header>
        <h1>${shellWords.title}</h1>
        ${session && this.isStaff(session) ? this.nav(session) : nothing}
        ${session ? html`<div class="who">
          ${this.isStaff(session) ? html`<span class="live ${this.live ? 'ok' : 'warn'}" data-testid="live-status"
            role="status">${this.live ? shellWords.live : shellWords.notLive}</span>` : nothing}
          <span class="hint">${shellWords.signedInAs(session.username, session.displayName)}</span>
          <button class="secondary" data-testid="sign-out" @click=${this.signOut}>${shellWords.signOut}</button>
        </div>` : nothing}
      </header>
      <main>${this.main()}</main>`;
  }

  private main() {
    const session = this.session;
    if (session === undefined) {
      return html`<p>${shellWords.loading}</p>`;
    }
    if (session === null) {
      return html`<cardsync-sign-in .api=${this.api} .notice=${this.notice}
        @signed-in=${(e: CustomEvent<SessionInfo>) => this.signedIn(e.detail, true)}></cardsync-sign-in>`;
    }
    if (!this.isStaff(session)) {
      return html`<section data-testid="console-forbidden" aria-labelledby="forbidden-heading">
        <h2 id="forbidden-heading" tabindex="-1">${shellWords.forbiddenHeading}</h2>
        <p>${shellWords.forbidden} <a href="/">${shellWords.toPortal}</a></p>
      </section>`;
    }
    if (adminOnly(this.route) && session.role !== 'admin') {
      return html`<div data-view><section data-testid="console-admin-only" aria-labelledby="admin-only-heading">
        <h2 id="admin-only-heading" tabindex="-1">${shellWords.adminOnlyHeading}</h2>
        <p>${shellWords.adminOnly} <a href="#/search">${shellWords.toSearch}</a></p>
      </section></div>`;
    }
    return html`<div data-view>${this.screen(session)}</div>`;
  }

  private screen(session: SessionInfo) {
    const route = this.route;
    switch (route.name) {
      case 'application':
        return html`<console-application .api=${this.api} .session=${session} .route=${route}>
          </console-application>`;
      case 'alerts':
        return html`<console-alerts .api=${this.api} .session=${session} .route=${route}></console-alerts>`;
      case 'dashboard':
        return html`<console-dashboard .api=${this.api} .session=${session} .route=${route}></console-dashboard>`;
      case 'admin-issue':
        return html`<console-issue .api=${this.api} .session=${session} .route=${route}></console-issue>`;
      case 'admin-staff':
        return html`<console-staff .api=${this.api} .session=${session} .route=${route}></console-staff>`;
      default:
        return html`<console-search .api=${this.api} .session=${session} .route=${route}></console-search>`;
    }
  }

  private nav(session: SessionInfo) {
    const name = this.route.name;
    const current = (...names: ConsoleRoute['name'][]) => (names.includes(name) ? 'page' : undefined);
    const link = (testId: string, href: string, label: string, ...names: ConsoleRoute['name'][]) =>
      html`<li><a data-testid=${testId} href=${href} aria-current=${current(...names) ?? nothing}>${label}</a></li>`;
    return html`<nav data-testid="console-nav" aria-label=${shellWords.navLabel}>
      <ul>
        ${link('nav-search', '#/search', shellWords.navSearch, 'search', 'application')}
        ${link('nav-alerts', '#/alerts', shellWords.navAlerts, 'alerts')}
        ${link('nav-dashboard', '#/dashboard', shellWords.navDashboard, 'dashboard')}
        ${session.role === 'admin' ? html`
          ${link('nav-admin', '#/admin/issue', shellWords.navAdmin, 'admin-issue', 'admin-staff')}
          ${adminOnly(this.route) ? html`
            ${link('nav-admin-issue', '#/admin/issue', shellWords.navIssue, 'admin-issue')}
            ${link('nav-admin-staff', '#/admin/staff', shellWords.navStaff, 'admin-staff')}` : nothing}` : nothing}
      </ul>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-console': ConsoleApp;
  }
}
