/**
 * The one way the page talks HTTP to its backend (docs/web-ui.md, "Talking to the backend").
 *
 * - Every POST carries a JSON body and `Content-Type: application/json`: the backend refuses any other
 *   (415), which is what stops a cross-site HTML form from posting to it.
 * - Every state-changing request sends the CSRF token from the cookie back in a header: a page on
 *   another origin can make the browser send our cookies, but cannot read this one to copy it.
 * - Every failure, whatever produced it (the backend, a proxy, the network), becomes a
 *   {@link BackendError} with a code; views turn codes into sentences.
 */

/** The CSRF cookie and header names, as fixed by the sign-in contract (PORTAL-CONTRACT.md, "Sign-in"). */
export const CSRF = {
  cookie: 'cardsync-csrf',
  header: 'X-CSRF-Token',
} as const;

/** Codes the page gives failures that carry no backend code. */
export const LOCAL_CODES = {
  network: 'NETWORK_ERROR',
  invalidAnswer: 'INVALID_ANSWER',
} as const;

/** A refused or failed backend call: the backend's code (or one of {@link LOCAL_CODES}, or `HTTP_<status>`). */
export class BackendError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds from a 429's Retry-After header, else null. */
  readonly retryAfterSeconds: number | null;

  constructor(code: string, message: string, status: number, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** The value of one cookie in a `document.cookie` string, or null. */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw; // not percent-encoded after all (a lone '%'): as it is, rather than no request at all
      }
    }
  }
  return null;
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (header === null || !/^\d+$/.test(header.trim())) {
    return null;
  }
  return Number(header.trim());
}

async function errorOf(response: Response): Promise<BackendError> {
  const body: unknown = await response.json().catch(() => null);
  const fields = (body ?? {}) as { code?: unknown; message?: unknown };
  return new BackendError(
    typeof fields.code === 'string' ? fields.code : `HTTP_${response.status}`,
    typeof fields.message === 'string' ? fields.message : `The server answered ${response.status}.`,
    response.status,
    retryAfter(response));
}

export class Backend {
  private readonly unauthorisedListeners = new Set<(e: BackendError) => void>();

  constructor(
    private readonly fetchFn: FetchFunction = (input, init) => fetch(input, init),
    private readonly cookies: () => string = () => document.cookie,
    private readonly base = '',
  ) {}

  /** Runs on every 401 NOT_SIGNED_IN (the session expired or was never there); returns the unsubscribe. */
  onUnauthorised(listener: (e: BackendError) => void): () => void {
    this.unauthorisedListeners.add(listener);
    return () => this.unauthorisedListeners.delete(listener);
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>(path, { method: 'GET', headers: { Accept: 'application/json' } });
  }

  /**
   * POSTs `body` as JSON (`{}` when there is nothing to say: the backend wants a JSON body on every POST). Refused
   * for its CSRF token (the cookie expired or was renewed at sign-in in another tab), it fetches the session,
   * which sets a fresh cookie, and sends once more; a second refusal is the answer. (A token refusal means the
   * server did nothing, so sending again cannot do anything twice.)
   */
  async post<T>(path: string, body: unknown = {}): Promise<T> {
    try {
      return await this.postOnce<T>(path, body);
    } catch (e) {
      if (!(e instanceof BackendError && e.status === 403 && e.code === 'CSRF_TOKEN_INVALID')) {
        throw e;
      }
      await this.refreshCsrfCookie();
      return this.postOnce<T>(path, body);
    }
  }

  /**
   * GET /api/session sets the CSRF cookie whatever it answers; its answer is not wanted here (a 401 before
   * sign-in is no news: the retried request says whether the session is gone).
   */
  private async refreshCsrfCookie(): Promise<void> {
    await this.fetchFn(`${this.base}/api/session`, { method: 'GET', credentials: 'same-origin',
      headers: { Accept: 'application/json' } }).catch(() => undefined);
  }

  private postOnce<T>(path: string, body: unknown): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    const token = cookieValue(this.cookies(), CSRF.cookie);
    if (token !== null) {
      headers[CSRF.header] = token;
    }
    return this.send<T>(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, { credentials: 'same-origin', ...init });
    } catch {
      throw new BackendError(LOCAL_CODES.network, 'The server could not be reached.', 0);
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (error.status === 401 && error.code === 'NOT_SIGNED_IN') {
        this.unauthorisedListeners.forEach((listener) => listener(error));
      }
      throw error;
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (body === undefined || body === null || typeof body !== 'object') {
      throw new BackendError(LOCAL_CODES.invalidAnswer, 'The server answered with something other than JSON.',
        response.status);
    }
    return body as T;
  }
}
