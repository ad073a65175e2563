/**
 * The console's wire types: aliases of the ones generated from the backend's OpenAPI document
 * (generated/cardsync-api.ts, from docs/openapi.json), so that tsc shows wherever the page no longer fits
 * the backend. Only what the OpenAPI document does not describe is written here, from CONSOLE-CONTRACT.md:
 * the live notices, which travel over a WebSocket, the personalisation file and a product's currency.
 */
import type { components } from './generated/cardsync-api';
import type { Currency } from './portal-types';

type Schemas = components['schemas'];

export type { SessionInfo } from './portal-types';

export type CustomerView = Schemas['CustomerView'];
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type CardSummary = Schemas['CardSummary'];
/** GET /api/cards?q=&page=&size=. */
export type CardPage = Schemas['CardPage'];
export type FreezeView = Schemas['FreezeView'];
export type ActionView = Schemas['ActionView'];
export type ScriptView = Schemas['ScriptView'];
export type AlertView = Schemas['AlertView'];
export type AlertKind = Schemas['AlertKind'];
export type AuditKind = Schemas['AuditKind'];
/** GET /api/applications/{id}. */
export type ApplicationDetail = Schemas['ApplicationDetail'];
export type ActionPage = Schemas['ActionPage'];
export type AuditView = Schemas['AuditView'];
export type AuditPage = Schemas['AuditPage'];
/** POST /api/applications/{id}/actions: the fields of its type only, and the comment. */
export type ActionRequest = Schemas['ActionRequest'];
/** The body of every other act: `{comment?}`. */
export type StaffAct = Schemas['StaffAct'];

// The alerts, dashboard and admin screens' types.
export type AlertPage = Schemas['AlertPage'];
export type DashboardCounts = Schemas['DashboardCounts'];
export type ActivityBucket = Schemas['DashboardBucket'];
/** GET /api/dashboard?hours=: the counts now, and the activity per hour (every bucket present, oldest first). */
export type Dashboard = Schemas['Dashboard'];

export type IssuanceRequest = Schemas['IssuanceRequest'];
export type IssuedApplication = Schemas['Application'];

/**
 * 201 of POST /api/admin/cards: the personalisation file (it holds the card's keys). Written here because
 * docs/openapi.json does not describe that answer (the backend's PersonalisationFile record).
 */
export interface PersonalisationFile {
  format: string;
  cardId: string;
  applications: { aid: string; apdus: string[] }[];
  activationCode?: string;
}

/**
 * GET /api/portal/products, readable by staff: the issuer's products a card may carry. The contract adds each
 * product's currency; until docs/openapi.json has it, an answer without one counts as "XXX" (no decimals).
 */
export type Product = Schemas['PortalProduct'] & { currency?: Currency };

export type StaffUser = Schemas['StaffUser'];
export type StaffRole = StaffUser['role'];
export type StaffUserPage = Schemas['StaffUserPage'];
/** POST /api/admin/users. */
export type NewStaffUser = Schemas['NewStaffUser'];

/** A live notice on /api/console/events (a WebSocket: not in the OpenAPI document). */
export type ConsoleNotice = { type: 'changed'; applicationId: number } | { type: 'resync' };
