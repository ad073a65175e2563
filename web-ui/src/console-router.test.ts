import { describe, expect, it } from 'vitest';
import { adminOnly, consoleHash, parseConsoleRoute } from './console-router';
import { parseConsoleNotice } from './console-events';

describe('parseConsoleRoute', () => {
  it('reads the contract\u2019s routes; anything unknown is the search', () => {
    expect(parseConsoleRoute('')).toEqual({ name: 'search', q: '', page: 0 });
    expect(parseConsoleRoute('#/search?q=alice%40example.com&page=2'))
      .toEqual({ name: 'search', q: 'alice@example.com', page: 2 });
    expect(parseConsoleRoute('#/applications/12')).toEqual({ name: 'application', id: 12 });
    expect(parseConsoleRoute('#/applications/x')).toEqual({ name: 'search', q: '', page: 0 });
    expect(parseConsoleRoute('#/alerts?kind=MAC_FAILURE&state=all&page=1'))
      .toEqual({ name: 'alerts', kind: 'MAC_FAILURE', state: 'all', q: '', page: 1 });
    expect(parseConsoleRoute('#/alerts?state=bogus')).toEqual({ name: 'alerts', kind: '', state: 'open', q: '', page: 0 });
    expect(parseConsoleRoute('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseConsoleRoute('#/admin/issue')).toEqual({ name: 'admin-issue' });
    expect(parseConsoleRoute('#/admin/staff')).toEqual({ name: 'admin-staff' });
    expect(parseConsoleRoute('#/sign-in')).toEqual({ name: 'sign-in' });
    expect(parseConsoleRoute('#/search?page=-1')).toEqual({ name: 'search', q: '', page: 0 });
  });

  it('writes hashes it reads back the same', () => {
    for (const hash of ['#/search?q=bob+dupont&page=3', '#/applications/7', '#/alerts?kind=STALE_ATC&state=acknowledged',
      '#/dashboard', '#/admin/staff']) {
      expect(consoleHash(parseConsoleRoute(hash))).toBe(hash);
    }
    expect(consoleHash({ name: 'search', q: '', page: 0 })).toBe('#/search');
  });

  it('knows which screens are the admins\u2019', () => {
    expect(adminOnly(parseConsoleRoute('#/admin/issue'))).toBe(true);
    expect(adminOnly(parseConsoleRoute('#/alerts'))).toBe(false);
  });
});

describe('parseConsoleNotice', () => {
  it('takes a changed or resync notice and ignores anything else', () => {
    expect(parseConsoleNotice('{"type":"changed","applicationId":3}')).toEqual({ type: 'changed', applicationId: 3 });
    expect(parseConsoleNotice('{"type":"resync"}')).toEqual({ type: 'resync' });
    expect(parseConsoleNotice('{"type":"changed","applicationId":"3"}')).toBeNull();
    expect(parseConsoleNotice('{"type":"hello"}')).toBeNull();
    expect(parseConsoleNotice('nope')).toBeNull();
  });
});
