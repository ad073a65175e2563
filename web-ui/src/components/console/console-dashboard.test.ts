// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard } from '../../console-types';
import { allByTestId, byTestId, eventually, fakeConsoleApi } from '../../console-test-backend';
import './console-dashboard';

function dashboard(hours: number): Dashboard {
  const to = Date.parse('2026-11-29T14:00:00Z');
  const buckets = Array.from({ length: hours }, (_, i) => ({
    start: new Date(to - (hours - i) * 3_600_000).toISOString(), executed: i === hours - 1 ? 1234 : 0,
    resends: i === hours - 1 ? 2 : 0, refusals: i === 0 ? 7 : 0,
  }));
  return {
    counts: { queued: 12, inFlight: 3, failed: 1, frozen: 2, openAlerts: 4321 },
    activity: { from: buckets[0].start, to: new Date(to).toISOString(), bucketMinutes: 60, buckets },
  };
}

async function mount() {
  const fake = fakeConsoleApi({
    'GET /api/dashboard': (r) => ({ body: dashboard(Number(new URL(r.url, 'http://x').searchParams.get('hours'))) }),
  });
  const element = document.createElement('console-dashboard');
  element.api = fake.api;
  element.session = { username: 'helpdesk', role: 'helpdesk', displayName: null };
  document.body.append(element);
  await eventually(() => expect(byTestId(element, 'activity-table')).not.toBeNull());
  return { element, ...fake };
}

function bodyRows(element: Element): Element[] {
  return [...byTestId(element, 'activity-table')!.querySelectorAll('tbody tr')];
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('console-dashboard', () => {
  it('shows the five counts the helpdesk watches', async () => {
    const { element, requests } = await mount();
    expect(requests[0].url).toBe('/api/dashboard?hours=24');
    expect(byTestId(element, 'count-queued')?.textContent).toBe('12');
    expect(byTestId(element, 'count-in-flight')?.textContent).toBe('3');
    expect(byTestId(element, 'count-failed')?.textContent).toBe('1');
    expect(byTestId(element, 'count-frozen')?.textContent).toBe('2');
    expect(byTestId(element, 'count-open-alerts')?.textContent?.replace(/\D/g, '')).toBe('4321');
  });

  it('draws the activity on a canvas and gives the same figures, hour by hour, as a table', async () => {
    const { element } = await mount();
    expect(byTestId(element, 'activity-chart')?.tagName).toBe('CANVAS');
    expect(byTestId(element, 'activity-chart')?.getAttribute('aria-label')).toMatch(/1,234 actions executed, 2 resent, 7 card messages refused/);
    const rows = bodyRows(element);
    expect(rows).toHaveLength(24);
    const figures = (row: Element) => [...row.querySelectorAll('td')].map((c) => c.textContent);
    expect(figures(rows[23])).toEqual(['1,234', '2', '0']);
    expect(figures(rows[0])).toEqual(['0', '0', '7']);
  });

  it('hides the table in a block box: a table ignores width 1px and would widen a 360 px page', async () => {
    const { element } = await mount();
    const table = byTestId(element, 'activity-table')!;
    expect(table.classList.contains('visually-hidden')).toBe(false);
    expect(table.parentElement?.tagName).toBe('DIV');
    expect(table.parentElement?.classList.contains('visually-hidden')).toBe(true);
  });

  it('switches to the last 7 days', async () => {
    const { element, requests } = await mount();
    const week = byTestId<HTMLInputElement>(element, 'activity-span-168')!;
    week.checked = true;
    week.dispatchEvent(new Event('change'));
    await eventually(() => expect(bodyRows(element)).toHaveLength(168));
    expect(requests.at(-1)?.url).toBe('/api/dashboard?hours=168');
    expect(allByTestId(element, 'activity-table')).toHaveLength(1);
  });

  it('reloads on live notices, once for a burst of them, at most every 5 seconds', async () => {
    const { element, requests } = await mount();
    vi.useFakeTimers();
    try {
      element.liveChanged();
      element.liveChanged();
      element.liveChanged();
      await vi.advanceTimersByTimeAsync(4000);
      expect(requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1500);
      expect(requests).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says why when the figures cannot be loaded', async () => {
    const fake = fakeConsoleApi({ 'GET /api/dashboard': { status: 403, body: { code: 'FORBIDDEN', message: 'x' } } });
    const element = document.createElement('console-dashboard');
    element.api = fake.api;
    document.body.append(element);
    await eventually(() => expect(byTestId(element, 'load-error')?.textContent).toMatch(/^[A-Z].*\.$/));
  });
});
