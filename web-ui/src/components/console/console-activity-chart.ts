import { LitElement, css, html } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import {
  CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip,
} from 'chart.js';
import type { ActivitySpan } from '../../console-api';
import type { ActivityBucket } from '../../console-types';
import { SERIES_WORDS, bucketLabel } from '../../words/console-dashboard';

// Tree-shaken: only what a line chart with a category axis, a legend and tooltips needs is registered, so the
// console's bundle carries no more of Chart.js than it draws.
Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The three series, each with its own colour and dash so that they are told apart without colour too. */
const SERIES = [
  { key: 'executed', colour: '#0a6b2a', dash: [] },
  { key: 'resends', colour: '#8a4b00', dash: [6, 4] },
  { key: 'refusals', colour: '#b00020', dash: [2, 3] },
] as const;

/**
 * The activity per hour as a line chart (Chart.js on a canvas, `activity-chart`). The canvas is an image with
 * `label` as its text; the same figures are in the dashboard's table for screen readers.
 */
@customElement('console-activity-chart')
export class ConsoleActivityChart extends LitElement {
  // Chart.js sizes the canvas to its parent element: a div of its own (in a shadow root the canvas's parent would
  // be the root, which has no size, and the chart would keep its first width and overflow a phone's screen).
  static styles = css`
    :host {
      display: block;
    }
    div {
      position: relative;
      width: 100%;
      height: 16rem;
    }
  `;

  @property({ attribute: false }) buckets: ActivityBucket[] = [];
  @property({ type: Number }) span: ActivitySpan = 24;
  @property() label = '';
  @query('canvas') private canvas!: HTMLCanvasElement;
  private chart: Chart<'line'> | null = null;

  protected updated(changed: PropertyValues<this>): void {
    if (changed.has('buckets') || changed.has('span')) {
      this.draw();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  private draw(): void {
    const labels = this.buckets.map((b) => bucketLabel(b.start, this.span));
    const datasets = SERIES.map((s) => ({
      label: SERIES_WORDS[s.key],
      data: this.buckets.map((b) => b[s.key]),
      borderColor: s.colour,
      backgroundColor: s.colour,
      borderDash: [...s.dash],
      pointRadius: this.span === 24 ? 2 : 0,
      tension: 0,
    }));
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets = datasets;
      this.chart.update();
      return;
    }
    if (!this.canvas.getContext?.('2d')) {
      return; // no canvas support (a test DOM): the table still has every figure
    }
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
  }

  render() {
    return html`<div><canvas data-testid="activity-chart" role="img" aria-label=${this.label}></canvas></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-activity-chart': ConsoleActivityChart;
  }
}
