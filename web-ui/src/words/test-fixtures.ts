/** For tests: a portal application as the contract describes the demo card's first one. */
import type { Change, PortalApplication } from '../portal-types';

export function change(fields: Partial<Change> & Pick<Change, 'id' | 'kind'>): Change {
  return {
    amount: null, parameterName: null, newValue: null, serviceName: null, state: 'WAITING', reason: null,
    requestedAt: '2026-11-29T10:00:00Z', settledAt: null, actionIds: [fields.id], ...fields,
  };
}

export function demoApplication(changes: Change[] = []): PortalApplication {
  return {
    id: 1, cardId: '0102030405060708', aid: 'f04341524453594e4301', productName: 'City transit purse',
    status: 'ACTIVE', blockRequested: false, currency: { code: 'EUR', minorUnits: 2 }, balance: 1000,
    balanceSeenAt: '2026-11-29T09:00:00Z', purseLimit: 100000, pendingTopUps: 0, maxTopUp: 99000,
    parameters: [
      { slot: 0, name: 'Daily spending limit', description: 'The most you can spend in a day', type: 'AMOUNT',
        value: '258', pendingValue: null, customerMayChange: true, choices: null, min: 0, max: 50000, maxLength: null },
      { slot: 1, name: 'Language', description: 'The language of the card\u2019s messages', type: 'CHOICE',
        value: 'en', pendingValue: null, customerMayChange: true,
        choices: [{ key: 'en', label: 'English' }, { key: 'fr', label: 'French' }, { key: 'de', label: 'German' }],
        min: null, max: null, maxLength: null },
      { slot: 3, name: 'Card name', description: 'A name for your card', type: 'TEXT', value: 'hello',
        pendingValue: null, customerMayChange: true, choices: null, min: null, max: null, maxLength: 16 },
    ],
    services: [],
    changes,
    support: { confirmedCa: 3, lastAtc: 7, keyVersion: 1, frozenReason: null },
  };
}
