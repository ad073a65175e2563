// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import './console-app';
import { cardPage } from '../../console-test-fixtures';

type Answer = { status: number; body: unknown };

/** A backend answering by path; every request is kept. */
function backend(answers: Record<string, Answer>) {
  const requests: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://console.test');
    requests.push(url.pathname);
    const answer = answers[url.pathname] ?? { status: 404, body: { code: 'NOT_FOUND', message: 'no' } };
    return new Response(JSON.stringify(answer.body), { status: answer.status,
      headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return requests;
}

/** The live socket: kept so that a test can open it as the server would, or see that none was made. */
class NoSocket extends EventTarget {
  static made: NoSocket[] = [];

  constructor(readonly url: string) {
    super();
    NoSocket.made.push(this);
  }

  close(): void {}
}

async function mount(): Promise<ShadowRoot> {
  const app = document.createElement('cardsync-console');
  document.body.append(app);
  await vi.waitFor(() => {
    expect(app.shadowRoot?.querySelector('main p')?.textContent ?? '').not.toContain('Loading');
  });
  await app.updateComplete;
  return app.shadowRoot!;
}

type LitElementLike = Element & { updateComplete: Promise<unknown> };

const byTestId = (root: ParentNode, id: string) => root.querySelector(`[data-testid="${id}"]`);

describe('the console shell', () => {
  beforeEach(() => {
    window.location.hash = '#/search';
    NoSocket.made = [];
    vi.stubGlobal('WebSocket', NoSocket);
  });

  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows a customer the refusal and a link to the portal, having called nothing but the session', async () => {
    const requests = backend({ '/api/session': { status: 200, body: { username: 'alice', role: 'customer' } } });
    const root = await mount();
    await vi.waitFor(() => expect(byTestId(root, 'console-forbidden')).not.toBeNull());
    expect(byTestId(root, 'console-forbidden')!.querySelector('a')!.getAttribute('href')).toBe('/');
    expect(byTestId(root, 'console-nav')).toBeNull();
    expect(new Set(requests)).toEqual(new Set(['/api/session']));
    expect(NoSocket.made).toEqual([]);
  });

  it('gives a helpdesk user Search, Alerts and Dashboard, but no Admin', async () => {
    backend({
      '/api/session': { status: 200, body: { username: 'helpdesk', role: 'helpdesk' } },
      '/api/cards': { status: 200, body: cardPage(1) },
    });
    const root = await mount();
    await vi.waitFor(() => expect(byTestId(root, 'console-nav')).not.toBeNull());
    expect(byTestId(root, 'nav-search')).not.toBeNull();
    expect(byTestId(root, 'nav-alerts')).not.toBeNull();
    expect(byTestId(root, 'nav-dashboard')).not.toBeNull();
    expect(byTestId(root, 'nav-admin')).toBeNull();
    expect(byTestId(root, 'nav-search')!.getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('Search \u2014 cardsync console');

    expect(NoSocket.made.map((s) => new URL(s.url).pathname)).toEqual(['/api/console/events']);
    expect(byTestId(root, 'live-status')!.textContent).not.toContain('Live');
    NoSocket.made[0].dispatchEvent(new Event('open'));
    await vi.waitFor(() => expect(byTestId(root, 'live-status')!.textContent!.trim()).toBe('Live'));
  });

  it('gives an admin the Admin link, and refuses a helpdesk user the admin screens typed in', async () => {
    backend({ '/api/session': { status: 200, body: { username: 'admin', role: 'admin' } },
      '/api/cards': { status: 200, body: cardPage(1) } });
    let root = await mount();
    await vi.waitFor(() => expect(byTestId(root, 'nav-admin')).not.toBeNull());
    document.body.innerHTML = '';

    window.location.hash = '#/admin/staff';
    backend({ '/api/session': { status: 200, body: { username: 'helpdesk', role: 'helpdesk' } } });
    root = await mount();
    await vi.waitFor(() => expect(byTestId(root, 'console-admin-only')).not.toBeNull());
    expect(document.title).toBe('For administrators only \u2014 cardsync console');
    expect(root.querySelector('console-staff')).toBeNull();
  });

  it('asks before leaving a screen that would lose something, and stays on it when the user says no', async () => {
    // A stand-in for the issue screen holding the only copy of a card's keys (its own test checks its question).
    if (!customElements.get('console-issue')) {
      customElements.define('console-issue', class extends HTMLElement {
        leaveQuestion(): string | null {
          return 'Leave and lose the file?';
        }
      });
    }
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    window.location.hash = '#/admin/issue';
    backend({ '/api/session': { status: 200, body: { username: 'admin', role: 'admin' } },
      '/api/cards': { status: 200, body: cardPage(1) } });
    const root = await mount();
    await vi.waitFor(() => expect(root.querySelector('console-issue')).not.toBeNull());
    window.location.hash = '#/search'; // a nav link: the browser fires hashchange
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledWith('Leave and lose the file?'));
    await (root.host as LitElementLike).updateComplete;
    expect(root.querySelector('console-issue')).not.toBeNull();
    expect(window.location.hash).toBe('#/admin/issue');
    expect(document.title).toBe('Issue a card \u2014 cardsync console');

    confirm.mockReturnValue(true);
    window.location.hash = '#/search';
    await vi.waitFor(() => expect(root.querySelector('console-search')).not.toBeNull());
    expect(root.querySelector('console-issue')).toBeNull();
  });

  it('asks a visitor to sign in, and signs a helpdesk user in to the search', async () => {
    window.location.hash = '#/applications/1';
    backend({ '/api/session': { status: 401, body: { code: 'NOT_SIGNED_IN', message: 'Sign in.' } } });
    const root = await mount();
    await vi.waitFor(() => expect(root.querySelector('cardsync-sign-in')).not.toBeNull());
    expect(window.location.hash).toBe('#/sign-in');
  });
});
