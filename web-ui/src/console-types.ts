/**
 * The console's wire types: aliases of the ones generated from the backend's OpenAPI document
 * (generated/cardsync-api.ts, from docs/openapi.json), so that tsc shows wherever the page no longer fits
 * the backend. Only what the OpenAPI document does not describe is written here, from CONSOLE-CONTRACT.md:
 * the live notices, which travel over a WebSocket.
 */
import type { components } from './generated/cardsync-api';
import type { Currency } from './portal-types';

export type { SessionInfo } from './portal-types';

type Schemas = components['schemas'];

/** A live notice on /api/console/events (a WebSocket: not in the OpenAPI document). */
export type ConsoleNotice = { type: 'changed'; applicationId: number } | { type: 'resync' };

// Alerts, dashboard and admin (console-ui2). Written from the contract until console-api's docs/openapi.json
// describes them; then aliases of the generated types like the rest.

/** A page of anything (every staff list: 0-based page, size 1..100). */
export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

/** One aggregated alert: one open row per (application, kind), its repeats counted. */
export interface AlertView {
  id: number;
  applicationId: number;
  cardId: string;
  aid: string;
  kind: string;
  detail: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  acknowledged: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  comment: string | null;
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

export interface NewStaffUser {
  username: string;
  displayName: string;
  email?: string;
  role: StaffRole;
  password: string;
}
