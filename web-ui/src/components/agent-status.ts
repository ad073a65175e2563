import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AgentState } from '../agent/agent-connection';
import { browserName } from '../agent/browser-access';
import { SYSTEM_NAMES, choosePackage, formatSize } from '../agent/agent-packages';
import type { AgentDownload, AgentPackage } from '../portal-types';
import { sameOriginUrl } from '../same-origin';
import { agentBlockedWords } from '../words/agent';
import { panelStyles } from './shared-styles';

/**
 * The card reader as the customer meets it: the agent found or not, and what to do about it. A browser
 * cannot tell an agent that is not installed from one that is not started (both are a socket that does
 * not open); the page says "not running" when this browser reached the agent before, and both otherwise.
 */
@customElement('cardsync-agent-status')
export class AgentStatus extends LitElement {
  static styles = [panelStyles, css`
    code.sha256 {
      overflow-wrap: anywhere;
      font-size: 0.85em;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    pre {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      background: #f3f3f3;
      padding: 0.4rem 0.6rem;
      border-radius: 4px;
    }
  `];

  @property() state: AgentState = 'looking';
  @property({ type: Boolean }) seenBefore = false;
  @property({ type: Boolean }) simulation = false;
  @property({ type: Boolean }) cardPresent = false;
  /**
   * A Remove/Insert of the demo card is on its way. Not set while a synchronisation runs: taking the card out
   * half-way is what the demo card's buttons are for (and a button that turns disabled as a sync starts would
   * swallow the click the customer just made).
   */
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) download: AgentDownload | null = null;
  /** In state `permission-needed`: an attempt failed while the browser's question was undecided. */
  @property({ type: Boolean }) promptFailed = false;
  /** Why the browser cannot reach the agent (state `unsupported-browser`). */
  @property() blockedBy: 'ios' | 'safari' | null = null;

  private fire(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  render() {
    return html`<div data-testid="agent-status" data-agent-state=${this.state} aria-live="polite">${this.body()}</div>`;
  }

  private body() {
    const browser = browserName(navigator.userAgent);
    switch (this.state) {
      case 'looking':
        return html`<p>Looking for the cardsync agent on this computer\u2026</p>`;
      case 'connected':
        return html`
          <p class="ok">Card reader ready. ${this.cardPresent ? 'Your card is in the reader.'
            : 'Put your card in the reader to bring it up to date.'}</p>
          ${this.simulation ? html`<div class="row">
            <span class="hint">Demo card:</span>
            <button class="secondary" data-testid="sim-remove" ?disabled=${this.busy || !this.cardPresent}
              @click=${() => this.fire('simulate', 'remove')}>Remove card</button>
            <button class="secondary" data-testid="sim-insert" ?disabled=${this.busy || this.cardPresent}
              @click=${() => this.fire('simulate', 'insert')}>Insert card</button>
          </div>` : nothing}`;
      case 'permission-needed':
        return html`<p>To use your card reader, this site needs to talk to the cardsync agent on this computer.
          ${browser} will ask whether this site may connect to apps on this device: choose <strong>Allow</strong>.
          The site only reaches the cardsync agent on this computer.</p>
          ${this.promptFailed ? html`<p class="hint">No answer from the agent yet. If you did not see the question,
            or chose not to allow it, check that the cardsync agent is running
            (<code>${this.download?.startCommand ?? 'java -jar cardsync-agent.jar run'}</code>), then
            <button class="secondary" data-testid="agent-retry" @click=${() => this.fire('retry')}>Try again
            now</button></p>` : nothing}`;
      case 'permission-denied':
        return html`<div role="alert">
          <p class="error">${browser} is blocking this site from reaching the cardsync agent on this computer.</p>
          <p>To allow it again: click the site settings icon left of the address bar, open
            <strong>Site settings</strong>, set <strong>Local network access</strong> to <strong>Allow</strong>,
            then come back to this page. It connects by itself once allowed.</p></div>`;
      case 'unsupported-browser': {
        const [why, what] = agentBlockedWords(this.blockedBy ?? 'safari', 'Safari');
        return html`<div role="alert"><p class="error">${why}</p><p>${what}</p></div>`;
      }
      case 'not-running':
        return this.notRunning();
    }
  }

  private notRunning() {
    const d = this.download;
    const downloadUrl = d?.downloadUrl ? sameOriginUrl(d.downloadUrl) : null;
    const packages = d?.packages ?? [];
    const start = html`<p>Start it with:</p><pre>${d?.startCommand ?? 'java -jar cardsync-agent.jar run'}</pre>`;
    return html`
      <p class="warn">${this.seenBefore
        ? 'The cardsync agent is not running on this computer.'
        : 'The cardsync agent is not running on this computer, or not installed yet (a browser cannot tell which).'}
        It lets this page use your card reader; without it you can still see your card and request changes.</p>
      ${this.seenBefore ? start : html`
        ${packages.length > 0 ? this.packages(packages) : nothing}
        ${downloadUrl ? html`<p><a data-testid="agent-download" href=${downloadUrl} download>${packages.length > 0
          ? 'Or download the agent as a Java program' : 'Download the cardsync agent'}${d?.version
          ? ` (version ${d.version})` : ''}</a>${packages.length > 0 ? ' (needs Java 17 or newer)' : ''}, then
          start it.</p>`
          : packages.length > 0 ? nothing
          : html`<p data-testid="agent-download">Ask your card issuer for the cardsync agent, then start it.</p>`}
        ${start}`}
      <p class="hint">${packages.length > 0 ? '' : 'It needs Java 17 or newer. '}This page finds it by itself once
        it runs.
        <button class="secondary" data-testid="agent-retry" @click=${() => this.fire('retry')}>Try again now</button></p>`;
  }

  /** The package for this computer first, with its size and checksum; the others for other computers. */
  private packages(packages: AgentPackage[]) {
    const { forThisComputer, others } = choosePackage(packages, navigator.userAgent);
    const link = (p: AgentPackage, testId: string) => html`<a data-testid=${testId} data-format=${p.format}
      href=${sameOriginUrl(p.url) ?? nothing} download>${p.fileName}</a> (${formatSize(p.size)}, SHA-256
      <code class="sha256">${p.sha256}</code>)`;
    return html`
      ${forThisComputer ? html`<p>Download the cardsync agent for ${SYSTEM_NAMES[forThisComputer.format]}:
        ${link(forThisComputer, 'agent-package')}. Install it: it starts by itself each time you log in.</p>`
        : nothing}
      ${others.length > 0 ? html`<details ?open=${!forThisComputer}><summary>${forThisComputer
        ? 'For another computer' : 'The cardsync agent for your computer'}</summary><ul>
        ${others.map((p) => html`<li>${SYSTEM_NAMES[p.format]}: ${link(p, 'agent-package-other')}</li>`)}
      </ul></details>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-agent-status': AgentStatus;
  }
}
