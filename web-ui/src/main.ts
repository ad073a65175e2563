import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';

type Health = { status: string };

/**
 * The cardsync shell. The customer portal and the helpdesk console grow inside it; for now it shows
 * whether the backend that serves it is up, read from SmallRye Health.
 */
@customElement('cardsync-app')
export class CardsyncApp extends LitElement {
  static styles = css`
    :host { display: block; font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; }
    .up { color: #0a7a2f; }
    .down { color: #b00020; }
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
      <h1>cardsync</h1>
      <p>Remote management of your smart card, through your own reader.</p>
      <p id="backend-status" class=${this.health}>Backend: ${this.health} ${this.detail ? `(${this.detail})` : ''}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-app': CardsyncApp;
  }
}
