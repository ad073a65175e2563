/**
 * The console's wire types: aliases of the ones generated from the backend's OpenAPI document
 * (generated/cardsync-api.ts, from docs/openapi.json), so that tsc shows wherever the page no longer fits
 * the backend. Only what the OpenAPI document does not describe is written here, from CONSOLE-CONTRACT.md:
 * the live notices, which travel over a WebSocket.
 */
export type { SessionInfo } from './portal-types';

/** A live notice on /api/console/events (a WebSocket: not in the OpenAPI document). */
export type ConsoleNotice = { type: 'changed'; applicationId: number } | { type: 'resync' };
