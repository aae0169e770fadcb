import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const made = new Map<Type, Type>();

/** `{items, page, pageSize, total}` of `item` (api.md § Lists), one schema per item type. */
export function PageOf(item: Type): Type {
  let page = made.get(item);
  if (!page) {
    class Paged {
      @ApiProperty({ type: [item] }) items!: unknown[];
      @ApiProperty({ example: 1 }) page!: number;
      @ApiProperty({ example: 50 }) pageSize!: number;
      @ApiProperty({ example: 3921, description: 'matching items on every page' }) total!: number;
    }
    Object.defineProperty(Paged, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
    page = Paged;
    made.set(item, page);
  }
  return page;
}
