import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConsoleApi } from '../../console-api';
import type { ConsoleRoute } from '../../console-router';
import { panelStyles } from '../shared-styles';

/** One card application: its counters, actions, alerts and audit, and every act on it. */
@customElement('console-application')
export class ConsoleApplication extends LitElement {
  static styles = [panelStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) route!: Extract<ConsoleRoute, { name: 'application' }>;

  render() {
    return html`<section aria-labelledby="app-heading"><h2 id="app-heading" tabindex="-1">Application
      ${this.route.id}</h2></section>`;
  }
}
