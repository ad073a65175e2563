/**
 * The portal's wire types: aliases of the ones generated from the backend's OpenAPI document
 * (generated/cardsync-api.ts, from docs/openapi.json), so that tsc shows wherever the page no longer fits the
 * backend. Only what the OpenAPI document does not describe is written here, from the issue 9 contract
 * (PORTAL-CONTRACT.md): the live notices, which travel over a WebSocket.
 */
import type { components } from './generated/cardsync-api';

type Schemas = components['schemas'];

/** GET/POST /api/session (PORTAL-CONTRACT.md, "Sign-in"). */
export type SessionInfo = Schemas['SessionView'];

export type Currency = Schemas['Currency'];
export type ApplicationStatus = Schemas['ApplicationStatus'];
export type ParameterType = Schemas['Type'];
export type Choice = Schemas['PortalChoice'];
export type Parameter = Schemas['PortalParameter'];
export type Service = Schemas['PortalService'];
export type CatalogueService = Schemas['PortalServiceOffer'];
export type ChangeKind = Schemas['ChangeKind'];
export type ChangeState = Schemas['ChangeState'];
export type Change = Schemas['PortalChange'];
export type SupportDetails = Schemas['PortalSupport'];
export type PortalApplication = Schemas['PortalApplication'];
export type PortalCard = Schemas['PortalCard'];
/** 201 of POST /api/portal/applications/{id}/top-ups. */
export type TopUpStarted = Schemas['PortalTopUp'];
export type PaymentState = Schemas['PaymentState'];
export type Payment = Schemas['PortalPayment'];
export type BlockReason = Schemas['BlockRequest']['reason'];
export type LinkRequest = Schemas['LinkRequest'];
/** GET /api/portal/agent. */
export type AgentDownload = Schemas['PortalAgent'];
/** One installable package of the agent in GET /api/portal/agent (docs/agent.md). */
export type AgentPackage = Schemas['AgentPackage'];
export type AgentPackageFormat = Schemas['AgentPackageFormat'];

/** One of the issuer's products (GET /api/portal/products): the AIDs a card to be linked may carry. */
export type PortalProduct = Schemas['PortalProduct'];

/** A live notice on /api/portal/events (a WebSocket: not in the OpenAPI document). */
export interface PortalNotice {
  type: 'changed';
  applicationId: number;
}
