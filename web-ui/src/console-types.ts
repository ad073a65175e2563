/**
 * The console's wire types: aliases of the ones generated from the backend's OpenAPI document
 * (generated/cardsync-api.ts, from docs/openapi.json), so that tsc shows wherever the page no longer fits
 * the backend. Only what the OpenAPI document does not describe is written here, from CONSOLE-CONTRACT.md:
 * the live notices, which travel over a WebSocket.
 */
import type { components } from './generated/cardsync-api';

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

/** A live notice on /api/console/events (a WebSocket: not in the OpenAPI document). */
export type ConsoleNotice = { type: 'changed'; applicationId: number } | { type: 'resync' };
