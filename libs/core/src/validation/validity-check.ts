import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

/** What `object.constructor` is: the key class-validator files an object's rules under. */
type ClassOf = (typeof Object.prototype)['constructor'];

/** class-validator keeps this type to itself; it is what its metadata storage hands out. */
type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/**
 * A yes/no answer to "would class-validator find no error in this DTO
 * instance?" under the options the import uses (whitelist and
 * forbidNonWhitelisted; no groups, no skip options), computed from
 * class-validator's own metadata by calling the very constraint objects the
 * decorators registered, so no rule is written a second time. It replaces
 * nothing: `true` lets the caller skip `validate()`, which builds an error
 * tree for every property and looks each object's metadata up again (~60 µs
 * an import line, against ~5 µs here); `false` means "not known to be valid",
 * and the caller runs `validate()` for the verdict and its messages. What this
 * does not model (promise or async validators, schema targets, a validator
 * answering with a promise or throwing) answers `false`: the check may be more
 * careful than class-validator, never more lenient. Compared with it on
 * generated import lines in libs/registry/src/import/import-validity.spec.ts.
 */
export class ValidityCheck {
  private readonly programs = new Map<object, ClassProgram | null>();
  private readonly storage = getMetadataStorage();

  isValid(object: object): boolean {
    try {
      return this.checkObject(object);
    } catch {
      return false; // a validator that throws: let class-validator meet it as it always has
    }
  }

  /** class-validator's `execute`: an object is checked against the metadata of its constructor. */
  private checkObject(object: object): boolean {
    const program = this.programFor(object.constructor);
    if (program === null) return false;
    const record = object as Record<string, unknown>;
    // whitelist + forbidNonWhitelisted: every own key must carry some metadata.
    for (const key of Object.keys(record)) if (!program.known.has(key)) return false;
    for (const property of program.properties) {
      if (!this.checkProperty(record, record[property.name], property)) return false;
    }
    return true;
  }

  /** class-validator's `performValidations` for one property. */
  private checkProperty(object: object, value: unknown, p: PropertyProgram): boolean {
    for (const c of p.conditions) if (!c.constraints[0](object, value)) return true;
    return (
      this.checkCustom(object, value, p.defined) &&
      this.checkCustom(object, value, p.custom) &&
      (value === undefined || p.nested === 0 || this.checkNested(value))
    );
  }

  private checkCustom(object: object, value: unknown, metadatas: ValidationMetadata[]): boolean {
    for (const m of metadatas) {
      if (m.validateIf && !m.validateIf(object, value)) continue;
      const args: ValidationArguments = {
        targetName: object.constructor?.name,
        property: m.propertyName,
        object,
        value,
        constraints: m.constraints,
      };
      for (const constraint of this.storage.getTargetValidatorConstraints(m.constraintCls)) {
        if (constraint.async) return false;
        const each =
          m.each && (Array.isArray(value) || value instanceof Set || value instanceof Map);
        const values = each ? toArray(value as Iterable<unknown>) : [value];
        for (const v of values) {
          const verdict: unknown = constraint.instance.validate(v, args);
          if (isPromise(verdict) || !verdict) return false;
        }
      }
    }
    return true;
  }

  /** class-validator's `nestedValidations`: arrays element by element, objects by their class. */
  private checkNested(value: unknown): boolean {
    if (Array.isArray(value) || value instanceof Set || value instanceof Map)
      return toArray(value).every((v) => v === undefined || this.checkNested(v));
    return value instanceof Object && this.checkObject(value);
  }

  private programFor(target: ClassOf): ClassProgram | null {
    let program = this.programs.get(target);
    if (program === undefined) {
      program = compile(this.storage.getTargetValidationMetadatas(target, '', false, false));
      this.programs.set(target, program);
    }
    return program;
  }
}

interface PropertyProgram {
  name: string;
  conditions: ValidationMetadata[];
  defined: ValidationMetadata[];
  custom: ValidationMetadata[];
  /** How many nested-validation markers (any number > 0 validates the value once per marker, alike). */
  nested: number;
}

interface ClassProgram {
  known: Set<string>;
  properties: PropertyProgram[];
}

const HANDLED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.WHITELIST,
  ValidationTypes.IS_DEFINED,
]);

/** null: no metadata (class-validator refuses an unknown value) or something not handled. */
function compile(metadatas: ValidationMetadata[]): ClassProgram | null {
  if (metadatas.length === 0) return null;
  if (metadatas.some((m) => !HANDLED.has(m.type) || typeof m.target === 'string')) return null;
  const byName = new Map<string, ValidationMetadata[]>();
  for (const m of metadatas) byName.set(m.propertyName, [...(byName.get(m.propertyName) ?? []), m]);
  const of = (list: ValidationMetadata[], type: string) => list.filter((m) => m.type === type);
  return {
    known: new Set(byName.keys()),
    properties: [...byName].map(([name, list]) => ({
      name,
      conditions: of(list, ValidationTypes.CONDITIONAL_VALIDATION),
      defined: of(list, ValidationTypes.IS_DEFINED),
      custom: of(list, ValidationTypes.CUSTOM_VALIDATION),
      nested: of(list, ValidationTypes.NESTED_VALIDATION).length,
    })),
  };
}

function toArray(value: Iterable<unknown>): unknown[] {
  if (value instanceof Map) return [...value.values()];
  return Array.isArray(value) ? value : [...value];
}

function isPromise(v: unknown): boolean {
  return (
    v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function'
  );
}
