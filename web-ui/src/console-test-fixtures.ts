/** For tests: console answers as the contract describes them (CONSOLE-CONTRACT.md, section 2). */
import type { ActionView, AlertView, ApplicationDetail, AuditView, CardPage } from './console-types';

export function action(fields: Partial<ActionView> & Pick<ActionView, 'id'>): ActionView {
  return {
    type: 'CREDIT', payload: '000007d0', summary: 'CREDIT 2000', state: 'QUEUED', sequence: null, attempts: 0,
    meritFailures: 0, reason: null, cancelRequested: false, cancelPending: false, requestedBy: 'helpdesk',
    createdAt: '2026-11-29T10:00:00Z', updatedAt: '2026-11-29T10:00:00Z', ...fields,
  };
}

export function alert(fields: Partial<AlertView> & Pick<AlertView, 'id'>): AlertView {
  return {
    applicationId: 1, cardId: '0102030405060708', aid: 'f04341524453594e4301', kind: 'MAC_FAILURE',
    detail: 'MAC did not verify', count: 3, firstSeen: '2026-11-29T09:00:00Z', lastSeen: '2026-11-29T09:30:00Z',
    acknowledged: false, acknowledgedBy: null, acknowledgedAt: null, comment: null, ...fields,
  };
}

export function detail(fields: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    id: 1, cardId: '0102030405060708', customer: { username: 'alice', displayName: 'Alice Martin',
      email: 'alice@example.com' }, aid: 'f04341524453594e4301', productName: 'City transit purse',
    currency: 'EUR', status: 'ACTIVE', frozen: null, confirmedCa: 3, lastAtc: 7,
    lastMessageAt: '2026-11-29T09:00:00Z', lastBalance: 1000, keyVersion: 1, inFlight: null, pending: [],
    pendingTotal: 0, recent: [], alerts: [], openAlerts: 0, ...fields,
  };
}

export function auditRow(fields: Partial<AuditView> & Pick<AuditView, 'id'>): AuditView {
  return {
    at: '2026-11-29T10:00:00Z', kind: 'ACTION_QUEUED', actor: 'helpdesk', messageType: null, atc: null, ca: null,
    actionId: null, detail: null, comment: null, ...fields,
  };
}

export function cardPage(total: number, page = 0): CardPage {
  return {
    items: [{ cardId: '0102030405060708', customer: { username: 'alice', displayName: 'Alice Martin',
      email: 'alice@example.com' }, applications: [{ id: 1, aid: 'f04341524453594e4301',
      productName: 'City transit purse', status: 'ACTIVE', confirmedCa: 3, lastAtc: 7, lastBalance: 1000,
      pendingActions: 2, scriptInFlight: false, openAlerts: 1 }] }],
    page, size: 25, total,
  };
}
