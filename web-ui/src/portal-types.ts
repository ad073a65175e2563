/**
 * The portal's wire types, written from the interface contract of issue 9 (PORTAL-CONTRACT.md, "Sign-in"
 * and "Portal API") while the backend's OpenAPI document does not describe them yet. At the merge with the
 * backend's portal API, each type here becomes an alias of the generated one in
 * generated/cardsync-api.ts (`components['schemas'][...]`), so that tsc shows wherever the page no longer
 * fits the backend. This is the only file that spells them out.
 */

export type Role = 'customer' | 'helpdesk' | 'admin';

/** GET/POST /api/session. */
export interface SessionInfo {
  username: string;
  role: Role;
}

export interface Currency {
  /** ISO 4217, e.g. EUR. */
  code: string;
  /** Digits after the decimal separator: amounts are integers in these minor units. */
  minorUnits: number;
}

export type ApplicationStatus = 'ACTIVE' | 'BLOCKED' | 'FROZEN' | 'PERSONALISED' | 'ISSUED' | string;

export type ParameterType = 'AMOUNT' | 'CHOICE' | 'TEXT';

export interface Choice {
  key: string;
  label: string;
}

export interface Parameter {
  slot: number;
  name: string;
  description: string;
  type: ParameterType;
  /** AMOUNT: minor units as a decimal string; CHOICE: the option's key; TEXT: the text. */
  value: string | null;
  pendingValue: string | null;
  customerMayChange: boolean;
  choices: Choice[] | null;
  min: number | null;
  max: number | null;
  maxLength: number | null;
}

export interface Service {
  serviceId: string;
  name: string;
  description: string;
  state: 'ACTIVE' | 'BEING_ADDED';
}

export interface CatalogueService {
  serviceId: string;
  name: string;
  description: string;
}

export type ChangeKind = 'TOP_UP' | 'SET_PARAMETER' | 'ADD_SERVICE' | 'BLOCK' | 'UNBLOCK' | 'RESET_PIN_TRIES';

export type ChangeState = 'WAITING' | 'BEING_APPLIED' | 'APPLIED' | 'REFUSED' | 'CANCELLED' | 'ON_HOLD';

export interface Change {
  id: number;
  kind: ChangeKind;
  amount: number | null;
  parameterName: string | null;
  /** The raw value, as in Parameter.value. */
  newValue: string | null;
  serviceName: string | null;
  state: ChangeState;
  /** A MeritReason name, CANCELLED_BY_ISSUER, or null. */
  reason: string | null;
  requestedAt: string;
  settledAt: string | null;
  /** Every action of the change, for the synchronisation's progress. */
  actionIds: number[];
}

export interface SupportDetails {
  confirmedCa: number;
  lastAtc: number;
  keyVersion: number;
  frozenReason: string | null;
}

export interface PortalApplication {
  id: number;
  cardId: string;
  aid: string;
  productName: string;
  status: ApplicationStatus;
  blockRequested: boolean;
  currency: Currency;
  balance: number | null;
  balanceSeenAt: string | null;
  purseLimit: number;
  pendingTopUps: number;
  maxTopUp: number;
  parameters: Parameter[];
  services: Service[];
  /** Every change not yet settled plus the last 20 settled, newest first. */
  changes: Change[];
  support: SupportDetails;
}

export interface PortalCard {
  cardId: string;
  applications: PortalApplication[];
}

/** 201 of POST /api/portal/applications/{id}/top-ups. */
export interface TopUpStarted {
  paymentId: number;
  amount: number;
  currency: Currency;
  paymentUrl: string;
}

export type PaymentState = 'PENDING' | 'PAID' | 'DECLINED';

export interface Payment {
  paymentId: number;
  applicationId: number;
  amount: number;
  currency: Currency;
  state: PaymentState;
  changeId: number | null;
}

export type BlockReason = 'LOST' | 'STOLEN';

export interface LinkRequest {
  cardId: string;
  aid: string;
  /** Hex of the card's signed AUTHENTICATE REQUEST, as posted to /api/terminal/request. */
  message: string;
  activationCode: string;
}

/** GET /api/portal/agent. */
export interface AgentDownload {
  downloadUrl: string | null;
  version: string;
  startCommand: string;
  defaultPort: number;
}

/** A live notice on /api/portal/events. */
export interface PortalNotice {
  type: 'changed';
  applicationId: number;
}
