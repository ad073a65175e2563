/** For tests: a ConsoleApi on a fake fetch that answers by method and path and records every request. */
import { Backend } from './backend-fetch';
import { ConsoleApi } from './console-api';

export interface Recorded {
  method: string;
  url: string;
  body: unknown;
}

export type Answer = { status?: number; body?: unknown } | ((request: Recorded) => { status?: number; body?: unknown });

/**
 * `routes` maps "GET /api/alerts" (path without the query) to an answer; anything else is a 404 NOT_FOUND.
 * The fake cookie carries a CSRF token, so POSTs are as the browser sends them.
 */
export function fakeConsoleApi(routes: Record<string, Answer>): { api: ConsoleApi; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const fetchFn = async (input: string, init: RequestInit): Promise<Response> => {
    const method = init.method ?? 'GET';
    const request: Recorded = { method, url: input, body: init.body ? JSON.parse(String(init.body)) : undefined };
    requests.push(request);
    const route = routes[`${method} ${input.split('?')[0]}`];
    const answer = typeof route === 'function' ? route(request) : route;
    const status = answer?.status ?? (answer ? 200 : 404);
    const body = answer ? answer.body : { code: 'NOT_FOUND', message: 'no such thing' };
    return new Response(JSON.stringify(body ?? {}), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { api: new ConsoleApi(new Backend(fetchFn, () => 'cardsync-csrf=t0k3n')), requests };
}

/** Waits until `check` passes (a component's fetches and renders are asynchronous). */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** The element with this test id inside `host`'s shadow root, or in the shadow roots of its children. */
export function byTestId<T extends Element = HTMLElement>(host: Element, testId: string): T | null {
  return deepAll<T>(host, `[data-testid="${testId}"]`)[0] ?? null;
}

export function allByTestId<T extends Element = HTMLElement>(host: Element, testId: string): T[] {
  return deepAll<T>(host, `[data-testid="${testId}"]`);
}

function deepAll<T extends Element>(host: Element, selector: string): T[] {
  const root = host.shadowRoot ?? host;
  const found = [...root.querySelectorAll<T>(selector)];
  for (const child of root.querySelectorAll('*')) {
    if (child.shadowRoot) found.push(...deepAll<T>(child, selector));
  }
  return found;
}
