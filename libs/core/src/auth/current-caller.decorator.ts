import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Caller } from './caller';

export const CurrentCaller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest().caller,
);
