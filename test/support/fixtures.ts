import { randomInt } from 'node:crypto';
import { USCC_ALPHABET, usccCheckCharacter } from '@app/core';

/** A fresh valid USCC in the given region, so tests never share enterprises. */
export function newUscc(region = '330106'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)];
  const first17 = `91${region}${org}`;
  return first17 + usccCheckCharacter(first17);
}

export function enterpriseBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '杭州西湖明辉贸易有限公司',
    regionCode: '330106',
    industryCode: 'F5191',
    type: '有限责任公司',
    registeredCapital: '5000000.00',
    establishedOn: '2015-03-12',
    status: 'ACTIVE',
    ...overrides,
  };
}
