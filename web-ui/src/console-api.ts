/**
 * The backend's staff endpoints (CONSOLE-CONTRACT.md, section 2), typed, through the one
 * {@link Backend} wrapper. No display text here: callers get data or a BackendError.
 */
import type {
  AlertPage, AlertView, Dashboard, IssuanceRequest, NewStaffUser, Page, PersonalisationFile, Product, StaffUser,
} from './console-types';
import type { ConsoleRoute } from './console-router';
import { SessionApi } from './session-api';

/** What the alerts list shows: the filters (`q` a card id prefix) and the page, as in the URL (console-router.ts). */
export type AlertQuery = Omit<Extract<ConsoleRoute, { name: 'alerts' }>, 'name'>;

export const ALERTS_PAGE_SIZE = 25;

/** The dashboard's two spans, in hours (the API takes 1..168). */
export const ACTIVITY_SPANS = [24, 168] as const;
export type ActivitySpan = (typeof ACTIVITY_SPANS)[number];

export const STAFF_PAGE_SIZE = 100;

export class ConsoleApi extends SessionApi {
  alerts(query: AlertQuery, size = ALERTS_PAGE_SIZE): Promise<AlertPage> {
    const params = new URLSearchParams({ state: query.state, page: String(query.page), size: String(size) });
    if (query.kind) params.set('kind', query.kind);
    if (query.q.trim()) params.set('q', query.q.trim());
    return this.backend.get(`/api/alerts?${params}`);
  }

  /** Closes an alert; `comment` empty means none. */
  acknowledge(alertId: number, comment: string): Promise<AlertView> {
    const trimmed = comment.trim();
    return this.backend.post(`/api/alerts/${alertId}/acknowledge`, trimmed ? { comment: trimmed } : {});
  }

  dashboard(hours: ActivitySpan): Promise<Dashboard> {
    return this.backend.get(`/api/dashboard?hours=${hours}`);
  }

  /** The issuer's catalogue: the products (AID, name, currency) a new card may carry. */
  products(): Promise<Product[]> {
    return this.backend.get('/api/portal/products');
  }

  /** Registers a card; the answer is its personalisation file, which the server does not keep. */
  issue(request: IssuanceRequest): Promise<PersonalisationFile> {
    return this.backend.post('/api/admin/cards', request);
  }

  users(page = 0, size = STAFF_PAGE_SIZE): Promise<Page<StaffUser>> {
    return this.backend.get(`/api/admin/users?page=${page}&size=${size}`);
  }

  createUser(user: NewStaffUser): Promise<StaffUser> {
    return this.backend.post('/api/admin/users', user);
  }

  disable(username: string, comment = ''): Promise<StaffUser> {
    const trimmed = comment.trim();
    return this.backend.post(`/api/admin/users/${encodeURIComponent(username)}/disable`,
      trimmed ? { comment: trimmed } : {});
  }

  enable(username: string): Promise<StaffUser> {
    return this.backend.post(`/api/admin/users/${encodeURIComponent(username)}/enable`, {});
  }

  resetPassword(username: string, password: string): Promise<StaffUser> {
    return this.backend.post(`/api/admin/users/${encodeURIComponent(username)}/password`, { password });
  }
}
