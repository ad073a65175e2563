import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import './components/card-terminal';

type Health = { status: string };

/**
 * The cardsync shell: whether the backend that serves it is up (read from SmallRye Health), and the
 * developer's card terminal page (/terminal.html), kept for the end-to-end tests of the synchronisation engine.
 * Customers use the portal (index.html).
 */
@customElement('cardsync-app')
export class CardsyncApp extends LitElement {
  static styles = css`
    :host {
      display: block;
      font-family: system-ui, sans-serif;
      line-height: 1.45;
      color: #1a1a1a;
      max-width: 48rem;
      margin: 2rem auto;
      padding: 0 1rem;
    }
    h1 {
      margin-bottom: 0.25rem;
    }
    .up {
      color: #0a6b2a;
    }
    .down {
      color: #b00020;
    }
  `;

  @state() private health: 'checking' | 'up' | 'down' = 'checking';
  @state() private detail = '';

  connectedCallback(): void {
    super.connectedCallback();
    void this.checkHealth();
  }

  private async checkHealth(): Promise<void> {
    try {
      const response = await fetch('/q/health/ready');
      const body = (await response.json()) as Health;
      this.health = body.status === 'UP' ? 'up' : 'down';
      this.detail = body.status;
    } catch (e) {
      this.health = 'down';
      this.detail = e instanceof Error ? e.message : String(e);
    }
  }

  render() {
    return html`
      <header>
        <h1>cardsync</h1>
        <p>Remote management of your smart card, through your own reader.</p>
        <p id="backend-status" data-testid="backend-status" class=${this.health}>Backend: ${this.health}
          ${this.detail ? `(${this.detail})` : ''}</p>
      </header>
      <main>
        <cardsync-terminal></cardsync-terminal>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-app': CardsyncApp;
  }
}
