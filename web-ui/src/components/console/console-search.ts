import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConsoleApi } from '../../console-api';
import type { ConsoleRoute } from '../../console-router';
import { panelStyles } from '../shared-styles';

/** Search cards by card id, customer name or e-mail. */
@customElement('console-search')
export class ConsoleSearch extends LitElement {
  static styles = [panelStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) route!: Extract<ConsoleRoute, { name: 'search' }>;

  render() {
    return html`<section aria-labelledby="search-heading"><h2 id="search-heading" tabindex="-1">Search cards</h2>
    </section>`;
  }
}
