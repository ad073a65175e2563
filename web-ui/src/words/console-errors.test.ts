import { describe, expect, it } from 'vitest';
import { consoleErrorSentence } from './console-errors';

describe('consoleErrorSentence', () => {
  it('says the server\u2019s sentence for a refusal of what staff entered, and the page\u2019s for anything else', () => {
    expect(consoleErrorSentence({ code: 'CONFLICT', message: 'a user named hana already exists' }))
      .toBe('A user named hana already exists.');
    expect(consoleErrorSentence({ code: 'INVALID_STATE', message: 'An admin cannot disable themself.' }))
      .toBe('An admin cannot disable themself.');
    expect(consoleErrorSentence({ code: 'INTERNAL_ERROR', message: 'java.lang.NullPointerException' }))
      .not.toContain('Exception');
    expect(consoleErrorSentence({ code: 'INVALID_REQUEST', message: 'java.lang.IllegalStateException: x' }))
      .not.toContain('Exception');
  });
});
