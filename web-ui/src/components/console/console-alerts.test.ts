// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleRoute } from '../../console-router';
import type { AlertView } from '../../console-types';
import { allByTestId, byTestId, eventually, fakeConsoleApi } from '../../console-test-backend';
import './console-alerts';

function alert(fields: Partial<AlertView> & Pick<AlertView, 'id' | 'kind'>): AlertView {
  return {
    applicationId: 7, cardId: '0102030405060708', aid: 'f04341524453594e4301', detail: 'MAC did not verify',
    count: 1, firstSeen: '2026-11-29T10:00:00Z', lastSeen: '2026-11-29T10:00:00Z', acknowledged: false,
    acknowledgedBy: null, acknowledgedAt: null, comment: null, ...fields,
  };
}

const macFailures = alert({ id: 3, kind: 'MAC_FAILURE', count: 3046, lastSeen: '2026-11-29T10:00:05Z' });

type AlertsRoute = Extract<ConsoleRoute, { name: 'alerts' }>;

async function mount(route: AlertsRoute = { name: 'alerts', kind: '', state: 'open', q: '', page: 0 },
  items: AlertView[] = [macFailures], total = items.length) {
  const fake = fakeConsoleApi({
    'GET /api/alerts': { body: { items, page: route.page, size: 25, total } },
    'POST /api/alerts/3/acknowledge': { body: { ...macFailures, acknowledged: true, acknowledgedBy: 'helpdesk' } },
  });
  const element = document.createElement('console-alerts');
  element.api = fake.api;
  element.session = { username: 'helpdesk', role: 'helpdesk', displayName: null };
  element.route = route;
  document.body.append(element);
  await eventually(() => expect(byTestId(element, 'alerts-list')).not.toBeNull());
  return { element, ...fake };
}

afterEach(() => {
  document.body.innerHTML = '';
  window.location.hash = '';
});

describe('console-alerts', () => {
  it('shows one row per aggregated alert: the kind in words, the count, the card and a link to its application', async () => {
    const { element, requests } = await mount();
    expect(requests[0].url).toBe('/api/alerts?state=open&page=0&size=25');
    const [row] = allByTestId(element, 'alert-row');
    expect(row.dataset.kind).toBe('MAC_FAILURE');
    expect(row.dataset.count).toBe('3046');
    expect(row.textContent).toContain('Message failed its check');
    expect(row.textContent).not.toContain('MAC_FAILURE');
    expect(row.textContent).toMatch(/3,046 times/);
    expect(byTestId<HTMLAnchorElement>(row, 'application-link')?.getAttribute('href')).toBe('#/applications/7');
    expect(row.textContent).toContain('MAC did not verify');
  });

  it('asks the server for the filters and page of the URL, and writes new filters into the URL from page 0', async () => {
    const { element, requests } = await mount({ name: 'alerts', kind: 'STALE_ATC', state: 'all', q: '0102', page: 2 },
      [], 60);
    expect(requests[0].url).toBe('/api/alerts?kind=STALE_ATC&state=all&q=0102&page=2&size=25');
    // the option marked selected (happy-dom's select.value does not follow it)
    expect(byTestId(element, 'alerts-kind')?.querySelector<HTMLOptionElement>('option[selected]')?.value).toBe('STALE_ATC');
    expect(byTestId(element, 'alerts-state')?.querySelector<HTMLOptionElement>('option[selected]')?.value).toBe('all');
    expect(byTestId(element, 'page-prev')?.getAttribute('href')).toBe('#/alerts?kind=STALE_ATC&state=all&q=0102&page=1');
    const state = byTestId<HTMLSelectElement>(element, 'alerts-state')!;
    state.value = 'acknowledged';
    state.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(window.location.hash).toBe('');
    byTestId(element, 'alerts-filter')!.click();
    await eventually(() => expect(window.location.hash).toBe('#/alerts?kind=STALE_ATC&state=acknowledged&q=0102'));
  });

  it('acknowledges with the comment typed in the dialog, says so, and reloads the list', async () => {
    const { element, requests } = await mount();
    byTestId(element, 'alert-ack')!.click();
    const dialog = byTestId<HTMLDialogElement>(element, 'act-dialog')!;
    await eventually(() => expect(dialog.open).toBe(true));
    const comment = byTestId<HTMLTextAreaElement>(element, 'act-comment')!;
    comment.value = '  terminal 12 misconfigured  ';
    comment.dispatchEvent(new Event('input'));
    byTestId(element, 'act-confirm')!.click();
    await eventually(() => expect(byTestId(element, 'act-result')?.textContent).toContain('acknowledged'));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/api/alerts/3/acknowledge');
    expect(post.body).toEqual({ comment: 'terminal 12 misconfigured' });
    expect(dialog.open).toBe(false);
    expect(requests.filter((r) => r.url.startsWith('/api/alerts?')).length).toBe(2);
  });

  it('after Acknowledge, puts the focus on the outcome, never on the next alert\u2019s button', async () => {
    const staleAtc = alert({ id: 5, kind: 'STALE_ATC' });
    let acknowledged = false;
    const fake = fakeConsoleApi({
      'GET /api/alerts': () => ({ body: { items: acknowledged ? [staleAtc] : [macFailures, staleAtc], page: 0,
        size: 25, total: acknowledged ? 1 : 2 } }),
      'POST /api/alerts/3/acknowledge': () => {
        acknowledged = true;
        return { body: { ...macFailures, acknowledged: true } };
      },
    });
    const element = document.createElement('console-alerts');
    element.api = fake.api;
    element.route = { name: 'alerts', kind: '', state: 'open', q: '', page: 0 };
    document.body.append(element);
    await eventually(() => expect(allByTestId(element, 'alert-ack')).toHaveLength(2));
    const first = allByTestId(element, 'alert-ack')[0];
    first.focus();
    first.click();
    await eventually(() => expect(byTestId<HTMLDialogElement>(element, 'act-dialog')!.open).toBe(true));
    byTestId(element, 'act-confirm')!.click();
    await eventually(() => expect(allByTestId(element, 'alert-ack')).toHaveLength(1));
    await eventually(() => expect(element.shadowRoot!.activeElement?.getAttribute('data-testid')).toBe('act-result'));
    expect(byTestId(element, 'alert-row')!.dataset.alertId).toBe('5');
  });

  it('shows who acknowledged an alert and their comment instead of the button', async () => {
    const { element } = await mount(undefined, [alert({ id: 4, kind: 'RATE_LIMITED', acknowledged: true,
      acknowledgedBy: 'hana', acknowledgedAt: '2026-11-29T11:00:00Z', comment: 'load test' })]);
    expect(byTestId(element, 'alert-ack')).toBeNull();
    expect(byTestId(element, 'alert-acknowledged')?.textContent).toContain('Acknowledged by hana');
    expect(byTestId(element, 'alert-row')?.textContent).toContain('load test');
  });

  it('shows an alert that names no application without a link', async () => {
    const { element } = await mount(undefined, [alert({ id: 5, kind: 'RATE_LIMITED', applicationId: null, cardId: null,
      aid: null })]);
    expect(byTestId(element, 'application-link')).toBeNull();
    expect(byTestId(element, 'alert-row')?.textContent).toContain('No card named');
  });

  it('reloads when the shell passes a live notice', async () => {
    const { element, requests } = await mount();
    element.liveChanged();
    await eventually(() => expect(requests.length).toBe(2));
  });
});
