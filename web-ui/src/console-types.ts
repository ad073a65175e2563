/**
 * The console's wire types. Written from CONSOLE-CONTRACT.md section 2 until console-api's docs/openapi.json
 * describes them; then aliases of generated/cardsync-api.ts like portal-types.ts, so that tsc shows wherever
 * the page no longer fits the backend. The live notices stay written here: they travel over a WebSocket.
 */
import type { components } from './generated/cardsync-api';
import type { Currency } from './portal-types';

export type { SessionInfo } from './portal-types';

type Schemas = components['schemas'];

/** A page of a staff list: 0-based page, size 1..100, newest first unless said. */
export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export interface CustomerView {
  username: string;
  displayName: string | null;
  email: string | null;
}

export interface ApplicationSummary {
  id: number;
  aid: string;
  productName: string;
  status: string;
  confirmedCa: number;
  lastAtc: number;
  lastBalance: number | null;
  pendingActions: number;
  scriptInFlight: boolean;
  openAlerts: number;
}

export interface CardSummary {
  cardId: string;
  customer: CustomerView | null;
  applications: ApplicationSummary[];
}

export type CardPage = Page<CardSummary>;

export interface FreezeView {
  reason: string;
  since: string | null;
  signedCa: number | null;
  signedAtc: number | null;
}

export interface ActionView {
  id: number;
  type: string;
  payload: string;
  summary: string;
  state: string;
  sequence: number | null;
  attempts: number;
  meritFailures: number;
  reason: string | null;
  cancelRequested: boolean;
  cancelPending: boolean;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ScriptView {
  id: number;
  baseCa: number;
  sessionAtc: number;
  actionCount: number;
  issuedAt: string;
  actions: ActionView[];
}

export interface AlertView {
  id: number;
  applicationId: number | null;
  cardId: string | null;
  aid: string | null;
  kind: string;
  detail: string | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
  acknowledged: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  comment: string | null;
}

export interface ApplicationDetail {
  id: number;
  cardId: string;
  customer: CustomerView | null;
  aid: string;
  productName: string;
  currency: string;
  status: string;
  frozen: FreezeView | null;
  confirmedCa: number;
  lastAtc: number;
  lastMessageAt: string | null;
  lastBalance: number | null;
  keyVersion: number;
  inFlight: ScriptView | null;
  pending: ActionView[];
  pendingTotal: number;
  recent: ActionView[];
  alerts: AlertView[];
  openAlerts: number;
}

export type ActionPage = Page<ActionView>;

export interface AuditView {
  id: number;
  at: string;
  kind: string;
  actor: string;
  messageType: string | null;
  atc: number | null;
  ca: number | null;
  actionId: number | null;
  detail: string | null;
  comment: string | null;
}

export type AuditPage = Page<AuditView>;

/** POST /api/applications/{id}/actions: the fields of its type only. */
export interface ActionRequest {
  type: string;
  amount?: number;
  slot?: number;
  value?: string;
  appId?: number;
  record?: string;
  comment?: string;
}

export type AlertPage = Page<AlertView>;

export interface DashboardCounts {
  queued: number;
  inFlight: number;
  failed: number;
  frozen: number;
  openAlerts: number;
}

export interface ActivityBucket {
  start: string;
  executed: number;
  resends: number;
  refusals: number;
}

/** GET /api/dashboard?hours=: the counts now, and the activity per hour (every bucket present). */
export interface Dashboard {
  counts: DashboardCounts;
  activity: { from: string; to: string; bucketMinutes: number; buckets: ActivityBucket[] };
}

export type IssuanceRequest = Schemas['IssuanceRequest'];
export type IssuedApplication = Schemas['Application'];

/** 201 of POST /api/admin/cards: the personalisation file (it holds the card's keys). */
export interface PersonalisationFile {
  format: string;
  cardId: string;
  applications: { aid: string; apdus: string[] }[];
  activationCode?: string;
}

/** GET /api/portal/products, readable by staff: the issuer's products a card may carry. */
export type Product = Schemas['PortalProduct'] & { currency?: Currency };

export type StaffRole = 'helpdesk' | 'admin';

export interface StaffUser {
  username: string;
  displayName: string | null;
  email: string | null;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}

/** POST /api/admin/users. */
export interface NewStaffUser {
  username: string;
  displayName: string;
  email?: string;
  role: StaffRole;
  password: string;
}

/** A live notice on /api/console/events (a WebSocket: not in the OpenAPI document). */
export type ConsoleNotice = { type: 'changed'; applicationId: number } | { type: 'resync' };
