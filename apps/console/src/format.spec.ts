import { fmt } from './format';

describe('console number formatting', () => {
  it('formats an amount from its decimal text, keeping every cent a double would lose', () => {
    expect(fmt.cny('99999999999999.99')).toBe('¥99,999,999,999,999.99');
    expect(fmt.cny('9999999999999999.00')).toBe('¥9,999,999,999,999,999.00');
  });
});
