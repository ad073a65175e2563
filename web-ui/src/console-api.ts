/**
 * The backend's staff endpoints for search, one application and the acts on it (CONSOLE-CONTRACT.md,
 * section 2), typed, through the one {@link Backend} wrapper. No display text here: callers get data or a
 * BackendError. Also the alerts list, the dashboard and the admin endpoints (issuance, staff users).
 */
import type {
  ActionPage,
  ActionRequest,
  ActionView,
  AlertPage,
  AlertView,
  ApplicationDetail,
  AuditPage,
  CardPage,
  CardSummary,
  Dashboard,
  IssuanceRequest,
  NewStaffUser,
  PersonalisationFile,
  Product,
  StaffUser,
  StaffUserPage,
  StaffAct,
} from './console-types';
import type { ConsoleRoute } from './console-router';
import { SessionApi } from './session-api';

/** Rows per page of the search and the audit timeline. */
export const PAGE_SIZE = 25;

/** What the alerts list shows: the filters (`q` a card id prefix) and the page, as in the URL (console-router.ts). */
export type AlertQuery = Omit<Extract<ConsoleRoute, { name: 'alerts' }>, 'name'>;

/** The dashboard's two spans, in hours (the API takes 1..168). */
export const ACTIVITY_SPANS = [24, 168] as const;
export type ActivitySpan = (typeof ACTIVITY_SPANS)[number];

/** Staff users, a page at a time like the other lists (the API pages them; an issuer may have hundreds). */
export const STAFF_PAGE_SIZE = PAGE_SIZE;

/** The body of an act: `{}` or `{comment}` (trimmed; empty means none, as the API takes it). */
export function actBody(comment: string): StaffAct {
  const trimmed = comment.trim();
  return trimmed ? { comment: trimmed } : {};
}

function query(params: Record<string, string | number>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== '') {
      search.set(key, String(value));
    }
  }
  return search.toString();
}

export class ConsoleApi extends SessionApi {
  /** Cards whose id starts with `q`, or whose customer's user name, display name or e-mail contains it. */
  searchCards(q: string, page: number, size = PAGE_SIZE): Promise<CardPage> {
    return this.backend.get(`/api/cards?${query({ q: q.trim(), page, size })}`);
  }

  card(cardId: string): Promise<CardSummary> {
    return this.backend.get(`/api/cards/${encodeURIComponent(cardId)}`);
  }

  application(id: number): Promise<ApplicationDetail> {
    return this.backend.get(`/api/applications/${id}`);
  }

  /** Every action of the application, newest first; `state` (QUEUED, …) narrows it. */
  actions(id: number, state: string, page: number, size = PAGE_SIZE): Promise<ActionPage> {
    return this.backend.get(`/api/applications/${id}/actions?${query({ state, page, size })}`);
  }

  audit(id: number, page: number, size = PAGE_SIZE): Promise<AuditPage> {
    return this.backend.get(`/api/applications/${id}/audit?${query({ page, size })}`);
  }

  /** Queues one action (a LOAD_APPLICATION becomes several): the actions queued. */
  queue(id: number, request: ActionRequest): Promise<ActionView[]> {
    return this.backend.post(`/api/applications/${id}/actions`, request);
  }

  cancel(id: number, actionId: number, comment: string): Promise<ApplicationDetail> {
    return this.backend.post(`/api/applications/${id}/actions/${actionId}/cancel`, actBody(comment));
  }

  retry(id: number, actionId: number, comment: string): Promise<ApplicationDetail> {
    return this.backend.post(`/api/applications/${id}/actions/${actionId}/retry`, actBody(comment));
  }

  unfreeze(id: number, comment: string): Promise<ApplicationDetail> {
    return this.backend.post(`/api/applications/${id}/unfreeze`, actBody(comment));
  }

  /** Sets the confirmed CA to the one the card last signed: see the resync dialog's words. */
  resync(id: number, comment: string): Promise<ApplicationDetail> {
    return this.backend.post(`/api/applications/${id}/resync`, actBody(comment));
  }

  acknowledgeAlert(alertId: number, comment: string): Promise<AlertView> {
    return this.backend.post(`/api/alerts/${alertId}/acknowledge`, actBody(comment));
  }

  /** Every alert across cards, aggregated (one open row per application and kind), newest last seen first. */
  alerts(q: AlertQuery, size = PAGE_SIZE): Promise<AlertPage> {
    return this.backend.get(`/api/alerts?${query({ kind: q.kind, state: q.state, q: q.q.trim(), page: q.page, size })}`);
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

  users(page = 0, size = STAFF_PAGE_SIZE): Promise<StaffUserPage> {
    return this.backend.get(`/api/admin/users?${query({ page, size })}`);
  }

  createUser(user: NewStaffUser): Promise<StaffUser> {
    return this.backend.post('/api/admin/users', user);
  }

  disableUser(username: string, comment: string): Promise<StaffUser> {
    return this.backend.post(`/api/admin/users/${encodeURIComponent(username)}/disable`, actBody(comment));
  }

  enableUser(username: string): Promise<StaffUser> {
    return this.backend.post(`/api/admin/users/${encodeURIComponent(username)}/enable`, {});
  }

  resetPassword(username: string, password: string): Promise<StaffUser> {
    return this.backend.post(`/api/admin/users/${encodeURIComponent(username)}/password`, { password });
  }
}
