import { describe, expect, it } from 'vitest';
import { parseRoute } from './router';
import { parseNotice } from './portal-events';

describe('parseRoute', () => {
  it('reads the contract\u2019s routes, and the payment a customer comes back from', () => {
    expect(parseRoute('#/sign-in')).toEqual({ name: 'sign-in' });
    expect(parseRoute('')).toEqual({ name: 'cards' });
    expect(parseRoute('#/applications/12')).toEqual({ name: 'application', id: 12 });
    expect(parseRoute('#/applications/12/top-up?payment=p-7')).toEqual({ name: 'top-up', id: 12, paymentId: 'p-7' });
    expect(parseRoute('#/link')).toEqual({ name: 'link' });
    expect(parseRoute('#/applications/x')).toEqual({ name: 'cards' });
  });
});

describe('parseNotice', () => {
  it('takes a changed notice and ignores anything else', () => {
    expect(parseNotice('{"type":"changed","applicationId":3}')).toEqual({ type: 'changed', applicationId: 3 });
    expect(parseNotice('{"type":"hello"}')).toBeNull();
    expect(parseNotice('{"type":"changed","applicationId":"3"}')).toBeNull();
    expect(parseNotice('not json')).toBeNull();
  });
});
