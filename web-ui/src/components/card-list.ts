import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PortalApplication, PortalCard } from '../portal-types';
import { applicationStatusWords, isOpen } from '../words/changes';
import { formatMoney } from '../words/format';
import { panelStyles } from './shared-styles';

/** My cards: every card and card application of the customer, with balance, state and what is waiting. */
@customElement('cardsync-card-list')
export class CardList extends LitElement {
  static styles = [panelStyles, css`
    ul.apps {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    li.app {
      border-top: 1px solid #e2e2e2;
      padding: 0.6rem 0;
    }
    .balance {
      font-size: 1.4rem;
      font-variant-numeric: tabular-nums;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: baseline;
    }
  `];

  @property({ attribute: false }) cards: PortalCard[] = [];
  @property({ type: Boolean }) loaded = false;

  render() {
    return html`
      <h2 tabindex="-1">My cards</h2>
      <div data-testid="card-list">
        ${this.loaded && this.cards.length === 0 ? html`<p>No card is linked to your account yet.</p>` : nothing}
        ${this.cards.map((card) => html`
          <section aria-label=${`Card ending ${card.cardId.slice(-4)}`}>
            <h3>Card ending ${card.cardId.slice(-4)}</h3>
            <ul class="apps">${card.applications.map((app) => this.application(app))}</ul>
          </section>`)}
      </div>
      <p><a href="#/link" data-testid="link-card">Link a new card</a></p>`;
  }

  private application(app: PortalApplication) {
    const open = app.changes.filter(isOpen).length;
    return html`
      <li class="app" data-testid="application-card" data-application-id=${app.id}>
        <div class="row">
          <strong>${app.productName}</strong>
          <span class="balance" data-testid="balance">${app.balance === null ? 'Balance not known yet'
            : formatMoney(app.balance, app.currency)}</span>
        </div>
        <p>${applicationStatusWords(app)}${open ? html` \u00b7 ${open} ${open === 1 ? 'change' : 'changes'} waiting for
          your card` : nothing}</p>
        <div class="row">
          <a href=${`#/applications/${app.id}`} data-testid="application-open">Details and changes
            <span class="visually-hidden">for ${app.productName}</span></a>
          ${app.status === 'ACTIVE' && !app.blockRequested ? html`<a href=${`#/applications/${app.id}/top-up`}
            data-testid="top-up-start">Top up<span class="visually-hidden"> ${app.productName}</span></a>` : nothing}
        </div>
      </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-card-list': CardList;
  }
}
