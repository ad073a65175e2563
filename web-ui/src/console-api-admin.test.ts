import { describe, expect, it } from 'vitest';
import { Backend } from './backend-fetch';
import { ConsoleApi } from './console-api';

/** A ConsoleApi on a fetch that records the requests and answers `{}`. */
function recording() {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = new ConsoleApi(new Backend(async (url, init) => {
    calls.push({ url, init });
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }, () => 'cardsync-csrf=abc'));
  return { api, calls };
}

describe('ConsoleApi: alerts, dashboard and admin calls', () => {
  it('asks for alerts with only the filters set, and the dashboard for a span in hours', async () => {
    const { api, calls } = recording();
    await api.alerts({ kind: '', state: 'open', q: '  ', page: 0 });
    await api.alerts({ kind: 'MAC_FAILURE', state: 'acknowledged', q: ' 0102 ', page: 3 });
    await api.dashboard(168);
    expect(calls.map((c) => c.url)).toEqual(['/api/alerts?state=open&page=0&size=25',
      '/api/alerts?kind=MAC_FAILURE&state=acknowledged&q=0102&page=3&size=25', '/api/dashboard?hours=168']);
  });

  it('posts the admin acts as JSON with the CSRF token, a user name escaped into the path', async () => {
    const { api, calls } = recording();
    await api.disableUser('sam.support', '  ');
    await api.disableUser('a/b', 'left');
    await api.resetPassword('sam.support', 'x'.repeat(20));
    await api.issue({ applications: [] });
    for (const { init } of calls) {
      expect(init.method).toBe('POST');
      expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('abc');
      expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    }
    expect(calls.map((c) => [c.url, JSON.parse(String(c.init.body))])).toEqual([
      ['/api/admin/users/sam.support/disable', {}],
      ['/api/admin/users/a%2Fb/disable', { comment: 'left' }],
      ['/api/admin/users/sam.support/password', { password: 'x'.repeat(20) }],
      ['/api/admin/cards', { applications: [] }],
    ]);
  });
});
