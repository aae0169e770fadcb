import { penaltyFieldOf } from './penalty-field';

describe('penaltyFieldOf: the field of a penalty sent without one', () => {
  it.each([
    ['生产经营不符合食品安全标准的食品', 'FOOD'],
    ['销售劣药（药品）', 'DRUG'],
    ['未经检验使用电梯', 'SPECIAL_EQUIPMENT'],
    ['虚假宣传', 'OTHER'],
    [null, 'OTHER'],
    // Words of two fields: ambiguous, so OTHER.
    ['在食品中添加药品', 'OTHER'],
  ])('%s → %s', (violationType, field) => {
    expect(penaltyFieldOf(violationType)).toBe(field);
  });
});
