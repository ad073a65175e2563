import { describe, expect, it } from 'vitest';
import { errorSentence } from './errors';

describe('errorSentence', () => {
  it('names the wait of a throttled sign-in', () => {
    expect(errorSentence({ code: 'TOO_MANY_ATTEMPTS', message: 'x', retryAfterSeconds: 30 }))
      .toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('names the wait of a rate-limited terminal request', () => {
    expect(errorSentence({ code: 'TOO_MANY_REQUESTS', message: 'x', retryAfterSeconds: 1 }))
      .toBe('Too many requests at once. Try again in 1 second.');
    expect(errorSentence({ code: 'TOO_MANY_REQUESTS', message: 'x' }))
      .toBe('Too many requests at once. Try again in a minute.');
  });

  it('never shows a code or a status line as the explanation', () => {
    for (const code of ['HTTP_502', 'INTERNAL_ERROR', 'CARD_REMOVED', 'NETWORK_ERROR']) {
      const sentence = errorSentence({ code, message: 'java.lang.IllegalStateException: boom' });
      expect(sentence).not.toContain(code);
      expect(sentence).not.toContain('Exception');
    }
  });

  it('has a sentence of its own for every code the agent can answer (agent-protocol.schema.json)', async () => {
    const { readDoc } = await import('../contract/repo-docs');
    const schema = JSON.parse(readDoc('agent-protocol.schema.json')) as { $defs: { ErrorCode: { enum: string[] } } };
    for (const code of schema.$defs.ErrorCode.enum) {
      expect(errorSentence({ code, message: 'agent internals: 6A82 at offset 3' }), code).not.toContain('agent internals');
    }
  });

  it('keeps the backend\u2019s own sentence for a code the page does not know', () => {
    expect(errorSentence({ code: 'SOMETHING_NEW', message: 'You cannot do that on a Sunday.' }))
      .toBe('You cannot do that on a Sunday.');
  });

  it('has a sentence of its own, without a code or a status, for every code of the backend (openapi.json)', async () => {
    const { readDoc } = await import('../contract/repo-docs');
    const openapi = JSON.parse(readDoc('openapi.json')) as { components: { schemas: { ErrorCode: { enum: string[] } } } };
    const codes = openapi.components.schemas.ErrorCode.enum;
    expect(codes).toContain('INVALID_REQUEST');
    for (const code of codes) {
      const sentence = errorSentence({ code, message: `HTTP 400 ${code}: backend internals`, retryAfterSeconds: 30 });
      expect(sentence, code).not.toContain('backend internals');
      expect(sentence, code).not.toMatch(/[A-Z]{2,}_[A-Z_]+|\bHTTP\b|\b[45]\d\d\b/);
      expect(sentence, code).toMatch(/^[A-Z].*\.$/);
    }
  });
});
