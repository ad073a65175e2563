/**
 * The backend's staff endpoints for search, one application and the acts on it (CONSOLE-CONTRACT.md,
 * section 2), typed, through the one {@link Backend} wrapper. No display text here: callers get data or a
 * BackendError. (The alerts, dashboard and admin endpoints have their own clients, on the same Backend.)
 */
import type {
  ActionPage,
  ActionRequest,
  ActionView,
  AlertView,
  ApplicationDetail,
  AuditPage,
  CardPage,
  CardSummary,
} from './console-types';
import { SessionApi } from './session-api';

/** Rows per page of the search and the audit timeline. */
export const PAGE_SIZE = 25;

/** The body of an act: `{}` or `{comment}` (trimmed; empty means none, as the API takes it). */
export function actBody(comment: string): { comment?: string } {
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
}
