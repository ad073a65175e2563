// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../backend-fetch';
import { ConsoleApi } from '../../console-api';
import { action, alert, auditRow, detail } from '../../console-test-fixtures';
import type { ApplicationDetail } from '../../console-types';
import './console-application';
import type { ConsoleApplication } from './console-application';

type Sent = { method: string; path: string; body: unknown };

/** A backend whose application answer the test changes, as the server would after an act or a card's report. */
function server(initial: ApplicationDetail) {
  const state = { app: initial, sent: [] as Sent[], next: new Map<string, { status: number; body: unknown }>() };
  const fetchFn = vi.fn(async (input: string, init: RequestInit) => {
    const url = new URL(input, 'http://console.test');
    const method = init.method ?? 'GET';
    state.sent.push({ method, path: url.pathname, body: init.body ? JSON.parse(String(init.body)) : null });
    const planned = state.next.get(`${method} ${url.pathname}`);
    if (planned) {
      state.next.delete(`${method} ${url.pathname}`);
      return new Response(JSON.stringify(planned.body), { status: planned.status });
    }
    if (method === 'GET' && url.pathname.endsWith('/actions')) {
      const filter = url.searchParams.get('state');
      const all = [action({ id: 7, state: 'EXECUTED', sequence: 1 }), action({ id: 6, state: 'FAILED', sequence: 0,
        reason: 'purse limit exceeded' })];
      const items = all.filter((a) => !filter || a.state === filter);
      return new Response(JSON.stringify({ items, page: 0, size: 25, total: items.length }), { status: 200 });
    }
    if (url.pathname.endsWith('/audit')) {
      return new Response(JSON.stringify({ items: [auditRow({ id: 9, kind: 'ACTION_CANCEL_REQUESTED',
        actor: 'helpdesk', comment: 'customer asked' })], page: 0, size: 25, total: 1 }), { status: 200 });
    }
    return new Response(JSON.stringify(state.app), { status: 200 });
  });
  return { state, api: new ConsoleApi(new Backend(fetchFn, () => 'cardsync-csrf=t0k')) };
}

async function mount(api: ConsoleApi): Promise<ConsoleApplication> {
  const el = document.createElement('console-application');
  el.api = api;
  el.route = { name: 'application', id: 1 };
  document.body.append(el);
  await vi.waitFor(() => expect(find(el, 'app-status')).not.toBeNull());
  return el;
}

/** The first element with the test id, through the shadow roots of the screen's parts. */
function find(root: Element | ShadowRoot, id: string): HTMLElement | null {
  const here = (root instanceof Element ? root.shadowRoot ?? root : root);
  const direct = here.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (direct) return direct;
  for (const child of here.querySelectorAll('*')) {
    if (child.shadowRoot) {
      const found = find(child.shadowRoot, id);
      if (found) return found;
    }
  }
  return null;
}

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function inFlight(fields: Partial<Parameters<typeof action>[0]> = {}) {
  return { id: 5, baseCa: 3, sessionAtc: 8, actionCount: 1, issuedAt: '2026-11-29T10:00:00Z',
    actions: [action({ id: 41, state: 'IN_FLIGHT', sequence: 4, attempts: 1, ...fields })] };
}

describe('the application screen', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the status in words and code, the customer, the counters and the alerts', async () => {
    const { api } = server(detail({ status: 'FROZEN', frozen: { reason: 'counter anomaly', since: null,
      signedCa: 6, signedAtc: 9 }, alerts: [alert({ id: 3 })], openAlerts: 1 }));
    const el = await mount(api);
    expect(text(find(el, 'app-status'))).toContain('Frozen');
    expect(text(find(el, 'app-status'))).toContain('FROZEN');
    expect(text(find(el, 'app-customer'))).toBe('Alice Martin (alice, alice@example.com)');
    expect(text(find(el, 'app-confirmed-ca'))).toBe('3');
    expect(text(find(el, 'app-last-atc'))).toContain('7');
    expect(find(el, 'resync')).not.toBeNull();
    expect(find(el, 'alert-row')!.dataset.count).toBe('3');
  });

  it('cancels an in-flight action: pending until the card reports, then what the card proved', async () => {
    const { api, state } = server(detail({ inFlight: inFlight() }));
    const el = await mount(api);
    find(el, 'action-cancel')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    expect(text(find(el, 'act-dialog'))).toContain('may have run already');

    const comment = find(el, 'act-comment') as HTMLTextAreaElement;
    comment.value = '  customer asked  ';
    comment.dispatchEvent(new Event('input'));
    state.app = detail({ inFlight: inFlight({ cancelRequested: true, cancelPending: true }) });
    state.next.set('POST /api/applications/1/actions/41/cancel', { status: 200, body: state.app });
    find(el, 'act-confirm')!.click();
    await vi.waitFor(() => expect(text(find(el, 'cancel-pending'))).toBe('Cancel pending until the card reports'));
    const cancel = state.sent.find((s) => s.path.endsWith('/cancel'))!;
    expect(cancel.body).toEqual({ comment: 'customer asked' });
    expect(text(find(el, 'act-result'))).toContain('Cancel requested');
    expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(false);

    // The card reports: it had not run the action. The live notice reloads the screen in place.
    state.app = detail({ recent: [action({ id: 41, state: 'CANCELLED', sequence: 4, cancelRequested: true })] });
    el.liveChanged(1);
    await vi.waitFor(() => expect(text(find(el, 'action-outcome'))).toBe('Cancelled: the card proved it had not run.'));
    expect(find(el, 'action-row')!.dataset.state).toBe('CANCELLED');
    // "Cancel requested: it is settled when the card next reports" is no longer true: it goes
    expect(text(find(el, 'act-result'))).toBe('');
  });

  it('keeps an open dialog open while a live notice reloads the application', async () => {
    const { api, state } = server(detail({ status: 'FROZEN', frozen: { reason: 'counter anomaly',
      since: null, signedCa: 6, signedAtc: 9 } }));
    const el = await mount(api);
    find(el, 'resync')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    expect(text(find(el, 'act-dialog'))).toContain('The confirmed CA becomes 6');
    state.app = detail({ status: 'FROZEN', lastAtc: 12, frozen: { reason: 'counter anomaly', since: null,
      signedCa: 6, signedAtc: 12 } });
    el.liveChanged(1);
    await vi.waitFor(() => expect(text(find(el, 'app-last-atc'))).toContain('12'));
    expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true);
    el.liveChanged(2); // another application: nothing to reload
    expect(state.sent.filter((s) => s.path === '/api/applications/2')).toEqual([]);
  });

  it('shows a refused act as a sentence in the dialog, which stays open', async () => {
    const { api, state } = server(detail({ status: 'FROZEN', frozen: { reason: 'operator', since: null,
      signedCa: null, signedAtc: null } }));
    const el = await mount(api);
    find(el, 'resync')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    state.next.set('POST /api/applications/1/resync', { status: 409, body: { code: 'INVALID_STATE',
      message: 'the card has signed nothing since it was frozen' } });
    find(el, 'act-confirm')!.click();
    await vi.waitFor(() => expect(text(find(el, 'act-error'))).toBe('The card has signed nothing since it was frozen.'));
    expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true);
    expect(state.sent.find((s) => s.path.endsWith('/resync'))!.body).toEqual({});
  });

  it('resyncs a frozen application and, its button gone, puts the focus on what happened', async () => {
    const { api, state } = server(detail({ status: 'FROZEN', frozen: { reason: 'counter anomaly', since: null,
      signedCa: 6, signedAtc: 9 } }));
    const el = await mount(api);
    find(el, 'resync')!.focus();
    find(el, 'resync')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    state.app = detail({ status: 'ACTIVE', confirmedCa: 6 });
    state.next.set('POST /api/applications/1/resync', { status: 200, body: state.app });
    find(el, 'act-confirm')!.click();
    await vi.waitFor(() => expect(text(find(el, 'act-result'))).toBe('Resynced: the confirmed CA is now 6.'));
    expect(find(el, 'resync')).toBeNull();
    await vi.waitFor(() => expect(el.shadowRoot!.activeElement?.getAttribute('data-testid')).toBe('act-result'));
    expect(text(find(el, 'app-confirmed-ca'))).toBe('6');
  });

  it('keeps "unfrozen" through its own notice, and drops it once a live change shows it frozen again', async () => {
    const frozen = { reason: 'counter anomaly', since: null, signedCa: 6, signedAtc: 9 };
    const { api, state } = server(detail({ status: 'FROZEN', frozen }));
    const el = await mount(api);
    find(el, 'unfreeze')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    state.app = detail({ status: 'ACTIVE' });
    state.next.set('POST /api/applications/1/unfreeze', { status: 200, body: state.app });
    find(el, 'act-confirm')!.click();
    await vi.waitFor(() => expect(text(find(el, 'act-result'))).toBe('The application is unfrozen.'));
    el.liveChanged(1); // the unfreeze's own notice: still true
    await vi.waitFor(() => expect(state.sent.filter((s) => s.path === '/api/applications/1')).toHaveLength(2));
    await el.updateComplete;
    expect(text(find(el, 'act-result'))).toBe('The application is unfrozen.');

    state.app = detail({ status: 'FROZEN', frozen }); // the lasting anomaly freezes it again
    el.liveChanged(1);
    await vi.waitFor(() => expect(text(find(el, 'app-status'))).toContain('FROZEN'));
    expect(text(find(el, 'act-result'))).toBe('');
  });

  it('follows a live change in an open dialog: new words, then "nothing to cancel" without a confirm button', async () => {
    const { api, state } = server(detail({ pending: [action({ id: 41 })], pendingTotal: 1 }));
    const el = await mount(api);
    find(el, 'action-cancel')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    expect(text(find(el, 'act-dialog'))).not.toContain('may have run already');

    state.app = detail({ inFlight: inFlight() }); // the card synchronised: action 41 is now in flight
    el.liveChanged(1);
    await vi.waitFor(() => expect(text(find(el, 'act-dialog'))).toContain('may have run already'));
    expect(find(el, 'act-confirm')).not.toBeNull();

    state.app = detail({ recent: [action({ id: 41, state: 'EXECUTED', sequence: 4 })] }); // and it ran
    el.liveChanged(1);
    await vi.waitFor(() => expect(text(find(el, 'act-gone'))).toMatch(/meanwhile changed \(now: .*\): there is nothing to cancel/));
    expect(find(el, 'act-confirm')).toBeNull();
    expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true);
    expect(state.sent.filter((s) => s.method === 'POST')).toEqual([]);
  });

  it('after acknowledging the last open alert, puts the focus on what happened, not on the page', async () => {
    const { api, state } = server(detail({ alerts: [alert({ id: 3 })], openAlerts: 1 }));
    const el = await mount(api);
    find(el, 'alert-ack')!.focus();
    find(el, 'alert-ack')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    state.next.set('POST /api/alerts/3/acknowledge', { status: 200, body: alert({ id: 3, acknowledged: true }) });
    state.app = detail();
    find(el, 'act-confirm')!.click();
    await vi.waitFor(() => expect(text(find(el, 'act-result'))).toBe('The alert is acknowledged.'));
    expect(find(el, 'alert-ack')).toBeNull();
    await vi.waitFor(() => expect(el.shadowRoot!.activeElement?.getAttribute('data-testid')).toBe('act-result'));
  });

  it('keeps the focus on an action\u2019s Cancel button when a live change moves its row to the script in flight', async () => {
    const { api, state } = server(detail({ pending: [action({ id: 41 })], pendingTotal: 1 }));
    const el = await mount(api);
    find(el, 'action-cancel')!.focus();
    state.app = detail({ inFlight: inFlight() });
    el.liveChanged(1);
    await vi.waitFor(() => expect(find(el, 'in-flight')!.querySelector('console-action-list')).not.toBeNull());
    const list = find(el, 'in-flight')!.querySelector('console-action-list')!;
    await vi.waitFor(() => expect(el.shadowRoot!.activeElement).toBe(list));
    const focused = list.shadowRoot!.activeElement as HTMLElement;
    expect(focused.dataset.testid).toBe('action-cancel');
    expect(focused.closest('tr')!.dataset.actionId).toBe('41');

    state.app = detail({ recent: [action({ id: 41, state: 'EXECUTED', sequence: 4 })] }); // no Cancel any more
    el.liveChanged(1);
    await vi.waitFor(() => expect(el.shadowRoot!.activeElement?.id).toBe('in-flight-heading'));
  });

  it('queues a credit typed in major units as minor units, and refuses what the API would', async () => {
    const { api, state } = server(detail());
    const el = await mount(api);
    const amount = find(el, 'queue-amount') as HTMLInputElement;
    amount.value = '20.555';
    amount.dispatchEvent(new Event('input'));
    find(el, 'queue-submit')!.click();
    await vi.waitFor(() => expect(text(find(el, 'queue-amount-error'))).toContain('at most 2 digits'));
    expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(false);

    amount.value = '20,50';
    amount.dispatchEvent(new Event('input'));
    find(el, 'queue-submit')!.click();
    await vi.waitFor(() => expect(find(el, 'act-dialog')!.hasAttribute('open')).toBe(true));
    expect(text(find(el, 'act-dialog'))).toContain('20.50');
    state.next.set('POST /api/applications/1/actions', { status: 201, body: [action({ id: 50, payload: '00000802' })] });
    find(el, 'act-confirm')!.click();
    await vi.waitFor(() => expect(text(find(el, 'act-result'))).toContain('Queued'));
    expect(state.sent.find((s) => s.path.endsWith('/actions'))!.body).toEqual({ type: 'CREDIT', amount: 2050 });
  });

  it('lists every action when asked, narrowed by state, with Retry on a failed one', async () => {
    const { api, state } = server(detail());
    const el = await mount(api);
    const history = find(el, 'all-actions') as HTMLDetailsElement;
    expect(state.sent.some((s) => s.method === 'GET' && s.path.endsWith('/actions'))).toBe(false);
    history.open = true;
    history.dispatchEvent(new Event('toggle'));
    await vi.waitFor(() => expect(history.getRootNode() instanceof ShadowRoot
      && find(history.getRootNode() as ShadowRoot, 'action-row')).toBeTruthy());
    const select = find(el, 'all-actions-state') as HTMLSelectElement;
    select.value = 'FAILED';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(find(history.getRootNode() as ShadowRoot, 'action-row')!.dataset.state).toBe('FAILED'));
    expect(find(history.getRootNode() as ShadowRoot, 'action-retry')).not.toBeNull();
  });

  it('shows the audit with who acted and their comment', async () => {
    const { api } = server(detail());
    const el = await mount(api);
    await vi.waitFor(() => expect(find(el, 'audit-row')).not.toBeNull());
    expect(find(el, 'audit-row')!.dataset.kind).toBe('ACTION_CANCEL_REQUESTED');
    expect(text(find(el, 'audit-actor'))).toBe('helpdesk');
    expect(text(find(el, 'audit-comment'))).toContain('customer asked');
    expect(find(el, 'audit-more')).toBeNull();
    // The count is read, not announced: a busy card would have it said at every live change.
    el.liveChanged(1);
    await vi.waitFor(() => expect(text(find(el, 'audit-count'))).toBe('Showing 1 of 1 events, newest first.'));
    expect(find(el, 'audit-count')!.closest('[role=status], [aria-live]')).toBeNull();
    expect(text(find(el, 'audit-announce'))).toBe('');
  });
});
