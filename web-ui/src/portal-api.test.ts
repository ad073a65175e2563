import { describe, expect, it } from 'vitest';
import { linkAids } from './portal-api';
import { demoApplication } from './words/test-fixtures';

describe('linkAids', () => {
  it('tries the issuer\u2019s products\u2019 AIDs and the customer\u2019s own, each once, and no others', () => {
    const own = { ...demoApplication(), aid: 'F04341524453594E4301' };
    const euro = { code: 'EUR', minorUnits: 2 };
    const products = [{ aid: 'a000000999000101', productName: 'Museum pass', currency: euro },
      { aid: 'f04341524453594e4301', productName: 'City transit purse', currency: euro }];

    expect(linkAids([{ cardId: own.cardId, applications: [own] }], products))
      .toEqual(['a000000999000101', 'f04341524453594e4301']);
    expect(linkAids([], [products[0]])).toEqual(['a000000999000101']);
  });
});
