import { Injectable } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate, ValidatorOptions } from 'class-validator';
import { flattenValidationErrors, ValidityCheck } from '@app/core';
import { PersonLinkDto } from '../dto/replace-persons.dto';
import { EnterpriseLineDto } from './dto/enterprise-line.dto';
import { PersonsLineDto } from './dto/persons-line.dto';
import { RecordLineDto } from './dto/record-line.dto';
import { ImportItem, ParsedLine } from './import-item';
import { RawLine } from './ndjson-batches';

const LINE_TYPES: Record<string, ClassConstructor<object>> = {
  enterprise: EnterpriseLineDto,
  record: RecordLineDto,
  persons: PersonsLineDto,
};

/** The global ValidationPipe's options: unknown fields are refused here exactly as in the API. */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  validationError: { target: false, value: false },
};

const MAX_REASON = 1000;

/** Turns one NDJSON line into an import item, or a rejection saying why. */
@Injectable()
export class ImportLineParser {
  /** Most lines are valid: answered from the same metadata without class-validator's error tree. */
  private readonly validity = new ValidityCheck();

  async parse(raw: RawLine): Promise<ParsedLine> {
    const reject = (reason: string): ParsedLine => ({
      rejection: { line: raw.no, reason: truncate(reason) },
      end: raw.end,
    });
    if (raw.text === null) return reject(raw.problem ?? 'unreadable line');
    let value: unknown;
    try {
      value = JSON.parse(raw.text);
    } catch (err) {
      return reject(`invalid JSON: ${(err as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return reject('a line must be a JSON object');
    // class-transformer assigns keys one by one; a "__proto__" key would swap the prototype.
    if (raw.text.includes('"__proto__"')) return reject('field __proto__ is not allowed');
    const type = (value as { type?: unknown }).type;
    const dtoClass = typeof type === 'string' ? LINE_TYPES[type] : undefined;
    if (!dtoClass) return reject(`type must be one of ${Object.keys(LINE_TYPES).join(', ')}`);

    const dto = plainToInstance(dtoClass, value, { enableImplicitConversion: false });
    const errors = this.validity.isValid(dto) ? [] : await validate(dto, VALIDATOR_OPTIONS);
    if (errors.length > 0) {
      return reject(
        flattenValidationErrors(errors)
          .map((d) => `${d.field}: ${d.message}`)
          .join('; '),
      );
    }
    return { item: toItem(dto, raw.no), end: raw.end };
  }
}

function toItem(dto: object, line: number): ImportItem {
  if (dto instanceof EnterpriseLineDto) {
    return {
      kind: 'enterprise',
      line,
      uscc: dto.uscc,
      enterprise: dto.enterprise,
      records: dto.records ?? [],
      persons: dto.persons?.map(plainPerson),
    };
  }
  if (dto instanceof RecordLineDto)
    return { kind: 'record', line, uscc: dto.uscc, record: dto.record };
  const { uscc, persons } = dto as PersonsLineDto;
  return { kind: 'persons', line, uscc, persons: persons.map(plainPerson) };
}

const plainPerson = (p: PersonLinkDto): PersonLinkDto => ({
  idHash: p.idHash,
  name: p.name,
  role: p.role,
});

function truncate(reason: string): string {
  return reason.length <= MAX_REASON ? reason : `${reason.slice(0, MAX_REASON - 1)}…`;
}
