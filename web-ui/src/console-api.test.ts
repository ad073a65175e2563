import { describe, expect, it, vi } from 'vitest';
import { Backend } from './backend-fetch';
import { ConsoleApi } from './console-api';

function recording(answer: unknown = {}, status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer), { status });
  });
  return { calls, api: new ConsoleApi(new Backend(fetchFn, () => 'cardsync-csrf=abc')) };
}

describe('ConsoleApi', () => {
  it('searches with the trimmed query, the page and the size', async () => {
    const { calls, api } = recording({ items: [], page: 2, size: 25, total: 0 });
    await api.searchCards('  alice@example.com ', 2);
    expect(calls[0].url).toBe('/api/cards?q=alice%40example.com&page=2&size=25');
    expect(calls[0].init.method).toBe('GET');
  });

  it('posts an act with its trimmed comment, or an empty body, and the CSRF token', async () => {
    const { calls, api } = recording();
    await api.cancel(4, 41, '  asked by phone ');
    await api.resync(4, '   ');
    await api.acknowledgeAlert(9, 'seen');
    expect(calls.map((c) => [c.url, c.init.body])).toEqual([
      ['/api/applications/4/actions/41/cancel', '{"comment":"asked by phone"}'],
      ['/api/applications/4/resync', '{}'],
      ['/api/alerts/9/acknowledge', '{"comment":"seen"}'],
    ]);
    expect((calls[0].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('abc');
  });

  it('pages the audit and filters actions by state', async () => {
    const { calls, api } = recording({ items: [], page: 1, size: 25, total: 0 });
    await api.audit(4, 1);
    await api.actions(4, 'FAILED', 0, 10);
    await api.actions(4, '', 0);
    expect(calls.map((c) => c.url)).toEqual(['/api/applications/4/audit?page=1&size=25',
      '/api/applications/4/actions?state=FAILED&page=0&size=10', '/api/applications/4/actions?page=0&size=25']);
  });

  it('hands a refusal on as the backend\u2019s coded error', async () => {
    const { api } = recording({ code: 'FORBIDDEN', message: 'Staff only.' }, 403);
    await expect(api.application(1)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });
});
