import { describe, expect, it } from 'vitest';
import { Backend, BackendError, CSRF } from './backend-fetch';

interface Sent {
  url: string;
  init: RequestInit;
}

function backend(answer: () => Response | Promise<Response>, cookies = `other=1; ${CSRF.cookie}=tok%2Fen; x=2`) {
  const sent: Sent[] = [];
  const b = new Backend(async (url, init) => {
    sent.push({ url, init });
    return answer();
  }, () => cookies);
  return { b, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('Backend.post', () => {
  it('sends JSON with its Content-Type and the CSRF token from the cookie in the header', async () => {
    const { b, sent } = backend(() => json(200, { ok: true }));
    await b.post('/api/x', { amount: 5 });
    const headers = sent[0].init.headers as Record<string, string>;
    expect(sent[0].init.method).toBe('POST');
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers[CSRF.header]).toBe('tok/en');
    expect(sent[0].init.body).toBe('{"amount":5}');
  });

  it('still sends a request when the CSRF cookie is not valid percent-encoding', async () => {
    const { b, sent } = backend(() => json(200, { ok: true }), `${CSRF.cookie}=ab%zz%`);
    await b.post('/api/x', {});
    expect((sent[0].init.headers as Record<string, string>)[CSRF.header]).toBe('ab%zz%');
  });

  it('fetches the session for a fresh CSRF cookie and sends once more when the token was refused', async () => {
    let cookies = `${CSRF.cookie}=old`;
    const sent: { url: string; token?: string }[] = [];
    const b = new Backend(async (url, init) => {
      sent.push({ url, token: (init.headers as Record<string, string>)[CSRF.header] });
      if (url === '/api/session') {
        cookies = `${CSRF.cookie}=fresh`; // what the backend's Set-Cookie does
        return json(401, { code: 'NOT_SIGNED_IN', message: 'Sign in.' });
      }
      return cookies.endsWith('fresh') ? json(201, { ok: true })
        : json(403, { code: 'CSRF_TOKEN_INVALID', message: 'The page\u2019s security token is missing or wrong.' });
    }, () => cookies);
    const signedOut: unknown[] = [];
    b.onUnauthorised((e) => signedOut.push(e));

    await expect(b.post('/api/x', {})).resolves.toEqual({ ok: true });
    expect(sent).toEqual([{ url: '/api/x', token: 'old' }, { url: '/api/session', token: undefined },
      { url: '/api/x', token: 'fresh' }]);
    expect(signedOut).toEqual([]);
  });

  it('gives up after one retry when the token is refused again', async () => {
    const { b, sent } = backend(() => json(403, { code: 'CSRF_TOKEN_INVALID', message: 'No.' }));
    await expect(b.post('/api/x', {})).rejects.toMatchObject({ code: 'CSRF_TOKEN_INVALID', status: 403 });
    expect(sent.map((s) => s.url)).toEqual(['/api/x', '/api/session', '/api/x']);
  });

  it('sends {} when there is nothing to say, so the backend never sees a POST without a JSON body', async () => {
    const { b, sent } = backend(() => new Response(null, { status: 204 }));
    await expect(b.post('/api/session/sign-out')).resolves.toBeUndefined();
    expect(sent[0].init.body).toBe('{}');
  });
});

describe('Backend errors', () => {
  it('turns the backend\u2019s {code, message} into a BackendError with the Retry-After', async () => {
    const { b } = backend(() => json(429, { code: 'TOO_MANY_ATTEMPTS', message: 'Wait.' }, { 'Retry-After': '30' }));
    const error = await b.post('/api/session', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429, retryAfterSeconds: 30 });
  });

  it('gives an error without a JSON body a code from its status, and a network failure its own code', async () => {
    const proxy = backend(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(proxy.b.get('/api/portal/cards')).rejects.toMatchObject({ code: 'HTTP_502', status: 502 });
    const offline = backend(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.b.get('/api/portal/cards')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });

  it('tells its listeners when the session has ended, and not when a sign-in fails', async () => {
    let status = 401;
    let code = 'NOT_SIGNED_IN';
    const { b } = backend(() => json(status, { code, message: 'm' }));
    const heard: string[] = [];
    b.onUnauthorised((e) => heard.push(e.code));
    await b.get('/api/portal/cards').catch(() => undefined);
    code = 'SIGN_IN_FAILED';
    await b.post('/api/session', {}).catch(() => undefined);
    status = 403;
    code = 'CSRF_TOKEN_INVALID';
    await b.post('/api/x', {}).catch(() => undefined);
    expect(heard).toEqual(['NOT_SIGNED_IN']);
  });
});
