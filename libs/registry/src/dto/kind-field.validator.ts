import {
  registerDecorator,
  ValidateIf,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import type { RecordKind } from '@app/scoring';

/**
 * Ties a kind-specific field to the record kinds that carry it: refused for
 * other kinds, and required for the kinds listed in `requiredFor`. The field's
 * other validators run only when it is present or required (ValidateIf applies
 * to all of a property's validators), so an absent optional field passes.
 */
export function KindField(
  allowedFor: RecordKind[],
  requiredFor: RecordKind[] = allowedFor,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) => {
    ValidateIf(
      (o: Record<string, unknown>) =>
        (o[propertyName as string] !== undefined && o[propertyName as string] !== null) ||
        requiredFor.includes(o.kind as RecordKind),
    )(target, propertyName);
    registerDecorator({
      name: 'kindField',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { ...options },
      constraints: [allowedFor, requiredFor],
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const kind = (args.object as { kind?: RecordKind }).kind;
          if (!kind) return true;
          if (value === undefined || value === null) return !requiredFor.includes(kind);
          return allowedFor.includes(kind);
        },
        defaultMessage(args: ValidationArguments) {
          const kind = (args.object as { kind?: RecordKind }).kind;
          const present = args.value !== undefined && args.value !== null;
          return present
            ? `${args.property} is not allowed for kind ${kind}`
            : `${args.property} is required for kind ${kind}`;
        },
      },
    });
  };
}
