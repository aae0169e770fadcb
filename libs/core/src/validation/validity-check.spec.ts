import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  registerDecorator,
  validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ValidityCheck } from './validity-check';

class Child {
  @IsInt()
  @Min(1)
  n: number;
}

class Parent {
  @IsIn(['a', 'b'])
  kind: string;

  @IsOptional()
  @IsString()
  @Length(1, 3)
  note?: string;

  @ValidateIf((o: Parent) => o.kind === 'b')
  @IsDefined()
  forB?: string;

  @IsString({ each: true })
  @ArrayMaxSize(2)
  tags: string[];

  @ValidateNested()
  @Type(() => Child)
  child: Child;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Child)
  children?: Child[];

  @Allow()
  free?: unknown;
}

/** A validator that answers later: the check cannot know, so it must not say "valid". */
class WithAsync {
  @IsString()
  name: string;

  constructor() {
    registerDecorator({
      name: 'later',
      target: WithAsync,
      propertyName: 'name',
      async: true,
      validator: { validate: async () => true },
    });
  }
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true };
const check = new ValidityCheck();
const valid = { kind: 'a', tags: ['x'], child: { n: 1 } };

async function both(plain: object, cls: new () => object = Parent) {
  const dto = plainToInstance(cls, plain);
  return { fast: check.isValid(dto), full: (await validate(dto, OPTIONS)).length === 0 };
}

describe('ValidityCheck', () => {
  it.each([
    ['a valid object', valid, true],
    ['an optional field given and valid', { ...valid, note: 'abc', children: [{ n: 2 }] }, true],
    ['an optional field too long', { ...valid, note: 'abcd' }, false],
    ['null for an optional field', { ...valid, note: null }, true],
    ['a conditional field skipped when its condition is false', { ...valid, forB: null }, true],
    ['a conditional field missing when required', { ...valid, kind: 'b' }, false],
    ['a conditional field given when required', { ...valid, kind: 'b', forB: 'x' }, true],
    ['an `each` validator failing on one element', { ...valid, tags: ['x', 1] }, false],
    ['an array too long', { ...valid, tags: ['x', 'y', 'z'] }, false],
    ['a nested object invalid', { ...valid, child: { n: 0 } }, false],
    [
      'a nested object missing (ValidateNested alone does not require one)',
      { kind: 'a', tags: [] },
      true,
    ],
    ['a nested value not an object', { ...valid, child: 'x' }, false],
    ['an element of a nested array invalid', { ...valid, children: [{ n: 1 }, { n: -1 }] }, false],
    ['an element of a nested array not an object', { ...valid, children: [3] }, false],
    ['an unknown field', { ...valid, extra: 1 }, false],
    ['an unknown field in a nested object', { ...valid, child: { n: 1, extra: 1 } }, false],
    ['a field allowed without a rule', { ...valid, free: { any: 'thing' } }, true],
  ])('agrees with class-validator on %s', async (_, plain, expected) => {
    expect(await both(plain)).toEqual({ fast: expected, full: expected });
  });

  it('says "not known" (false) where class-validator would have to await a validator', async () => {
    const { fast, full } = await both({ name: 'x' }, WithAsync);
    expect(full).toBe(true);
    expect(fast).toBe(false);
  });

  it('says false for an object of a class without rules, as class-validator refuses it', async () => {
    class Bare {
      x = 1;
    }
    expect(await both({}, Bare)).toEqual({ fast: false, full: false });
  });
});
