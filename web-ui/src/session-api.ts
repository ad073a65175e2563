/**
 * Sign-in, sign-out and the session (PORTAL-CONTRACT.md, "Sign-in"): the part of the backend the portal
 * and the helpdesk console share, through the one {@link Backend} wrapper.
 */
import { Backend } from './backend-fetch';
import type { SessionInfo } from './portal-types';

export class SessionApi {
  constructor(readonly backend: Backend = new Backend()) {}

  /** Who is signed in (401 NOT_SIGNED_IN otherwise); also makes the backend set the CSRF cookie. */
  session(): Promise<SessionInfo> {
    return this.backend.get('/api/session');
  }

  signIn(username: string, password: string): Promise<SessionInfo> {
    return this.backend.post('/api/session', { username, password });
  }

  signOut(): Promise<void> {
    return this.backend.post('/api/session/sign-out', {});
  }
}
