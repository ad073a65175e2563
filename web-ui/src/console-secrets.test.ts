import { describe, expect, it } from 'vitest';
import { generatePassword, randomCardId } from './console-secrets';

describe('console secrets', () => {
  it('draws a card id of 16 hex digits from the random bytes', () => {
    expect(randomCardId((b) => b.map((_, i) => i * 17))).toBe('0011223344556677');
    expect(randomCardId()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('generates passwords far over the 12-character minimum, without look-alike characters, different each time', () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const p of passwords) {
      expect(p.replace(/-/g, '')).toHaveLength(20);
      expect(p).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
      expect(p).not.toMatch(/[01OIl]/);
    }
    expect(new Set(passwords).size).toBe(50);
  });

  it('rejects the bytes that would bias the draw', () => {
    // 57 symbols: bytes from 228 (4 * 57) up are dropped rather than folded onto the first symbols
    let call = 0;
    const password = generatePassword(5, (b) => b.fill(call++ === 0 ? 255 : 0));
    expect(password).toBe('aaaaa');
    expect(call).toBe(2);
  });
});
