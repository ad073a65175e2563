/**
 * The backend's session and portal endpoints (PORTAL-CONTRACT.md, "Sign-in" and "Portal API"), typed,
 * through the one {@link Backend} wrapper. No display text here: callers get data or a BackendError.
 */
import { SessionApi } from './session-api';
import type {
  AgentDownload,
  BlockReason,
  CatalogueService,
  Change,
  LinkRequest,
  Payment,
  PortalApplication,
  PortalCard,
  PortalProduct,
  TopUpStarted,
} from './portal-types';

export class PortalApi extends SessionApi {
  cards(): Promise<PortalCard[]> {
    return this.backend.get('/api/portal/cards');
  }

  services(): Promise<CatalogueService[]> {
    return this.backend.get('/api/portal/services');
  }

  startTopUp(applicationId: number, amount: number): Promise<TopUpStarted> {
    return this.backend.post(`/api/portal/applications/${applicationId}/top-ups`, { amount });
  }

  payment(paymentId: string): Promise<Payment> {
    return this.backend.get(`/api/portal/payments/${encodeURIComponent(paymentId)}`);
  }

  /** The demo payment provider's answer (demo, dev and test profiles only). */
  completeDemoPayment(paymentId: string, outcome: 'PAID' | 'DECLINED'): Promise<Payment> {
    return this.backend.post(`/api/demo-payments/${encodeURIComponent(paymentId)}`, { outcome });
  }

  setParameter(applicationId: number, slot: number, value: string): Promise<Change> {
    return this.backend.post(`/api/portal/applications/${applicationId}/parameters/${slot}`, { value });
  }

  addService(applicationId: number, serviceId: string): Promise<Change> {
    return this.backend.post(`/api/portal/applications/${applicationId}/services`, { serviceId });
  }

  block(applicationId: number, reason: BlockReason): Promise<Change> {
    return this.backend.post(`/api/portal/applications/${applicationId}/block`, { reason });
  }

  link(request: LinkRequest): Promise<PortalCard> {
    return this.backend.post('/api/portal/cards/link', request);
  }

  /** The issuer's products: the AIDs a new card may carry. */
  products(): Promise<PortalProduct[]> {
    return this.backend.get('/api/portal/products');
  }

  agentDownload(): Promise<AgentDownload> {
    return this.backend.get('/api/portal/agent');
  }
}

/** Every application of every card, in order. */
export function applicationsOf(cards: PortalCard[]): PortalApplication[] {
  return cards.flatMap((c) => c.applications);
}

/**
 * The AIDs a card to be linked may answer to, each once: the issuer's products first, then those of the
 * customer's own cards (which the products list too, unless it could not be loaded).
 */
export function linkAids(cards: PortalCard[], products: PortalProduct[]): string[] {
  return [...new Set([...products.map((p) => p.aid.toLowerCase()),
    ...applicationsOf(cards).map((a) => a.aid.toLowerCase())])];
}
