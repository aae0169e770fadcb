import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CachingReflector } from './caching-reflector';

const KEY = 'test:policy';

class Base {
  @SetMetadata(KEY, 'handler')
  marked() {}
  plain() {}
}
@SetMetadata(KEY, 'class')
class Child extends Base {}
class Other extends Base {}

describe('CachingReflector', () => {
  const plain = new Reflector();

  it('answers as Nest’s Reflector does for handlers, classes and their pairs', () => {
    const cached = new CachingReflector();
    for (const cls of [Base, Child, Other]) {
      for (const handler of [Base.prototype.marked, Base.prototype.plain]) {
        const pair = [handler, cls];
        expect(cached.getAllAndOverride(KEY, pair)).toBe(plain.getAllAndOverride(KEY, pair));
        expect(cached.getAllAndOverride(KEY, pair)).toBe(plain.getAllAndOverride(KEY, pair));
      }
      expect(cached.get(KEY, cls)).toBe(plain.get(KEY, cls));
    }
    expect(cached.getAllAndOverride(KEY, [Base.prototype.plain, Child])).toBe('class');
    expect(cached.getAllAndOverride(KEY, [Base.prototype.plain, Other])).toBeUndefined();
    expect(cached.getAllAndOverride(KEY, [Base.prototype.plain])).toBeUndefined();
  });

  it('looks metadata up once per handler and class, then remembers it, absent values too', () => {
    const cached = new CachingReflector();
    const spy = vi.spyOn(Reflect, 'getMetadata');
    try {
      for (let i = 0; i < 5; i++) {
        cached.getAllAndOverride(KEY, [Base.prototype.plain, Other]);
        cached.get(KEY, Base.prototype.marked);
      }
      // getAllAndOverride reads the handler then the class; get reads one target.
      expect(spy).toHaveBeenCalledTimes(3);
    } finally {
      spy.mockRestore();
    }
  });
});
