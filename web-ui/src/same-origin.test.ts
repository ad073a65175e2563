import { describe, expect, it } from 'vitest';
import { sameOriginUrl } from './same-origin';

const ORIGIN = 'https://portal.example.com';

describe('sameOriginUrl', () => {
  it('follows relative and same-origin addresses', () => {
    expect(sameOriginUrl('/pay.html?payment=7', ORIGIN)).toBe('/pay.html?payment=7');
    expect(sameOriginUrl('https://portal.example.com/downloads/cardsync-agent.jar', ORIGIN))
      .toBe('https://portal.example.com/downloads/cardsync-agent.jar');
  });

  it('refuses other origins, protocol-relative addresses and script', () => {
    for (const url of ['https://evil.example/pay.html', '//evil.example/pay.html', 'http://portal.example.com/pay.html',
      'javascript:alert(1)', 'data:text/html,hi', 'https://portal.example.com:8443/x']) {
      expect(sameOriginUrl(url, ORIGIN), url).toBeNull();
    }
  });
});
