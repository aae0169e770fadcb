import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { JURISDICTION } from '@app/core';
import { seedProblem } from '../domain';

/** A seed the draw accepts: a string of 1–128 characters or a non-negative safe integer. */
function IsSeed(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSeed',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'string' || typeof v === 'number') && seedProblem(v) === null,
        defaultMessage: (args) => {
          const v = args?.value as unknown;
          return typeof v === 'string' || typeof v === 'number'
            ? `seed: ${seedProblem(v)}`
            : 'seed must be a string or an integer';
        },
      },
    });
}

export class CreateInspectionPlanDto {
  @ApiProperty({ example: '2026年第三季度西湖区双随机抽查', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({
    example: '330106',
    description: "narrows the caller's jurisdiction (2, 4 or 6 digits); it can never widen it",
  })
  @IsOptional()
  @Matches(JURISDICTION, { message: 'region must be 2, 4 or 6 digits, not 00' })
  region?: string;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', maxLength: 128 },
      { type: 'integer', minimum: 0 },
    ],
    example: 'xihu-2026-q3',
    description:
      'PRNG seed; the same seed over the same population draws the same list. ' +
      'Generated (128 random bits) when omitted; always returned.',
  })
  @IsOptional()
  @IsSeed()
  seed?: string | number;

  @ApiPropertyOptional({
    example: { A: 0.03, D: 1 },
    description:
      'sampling ratio per tier overriding config/measures.yaml, at most 4 decimals, within the ' +
      'allowed range (A 0–0.05, B 0.05–0.20, C 0.21–0.60, D 0.61–1 by default); outside it: 422',
  })
  @IsOptional()
  @IsObject()
  // Checked by validateRatios, which names each bad tier for the 422.
  ratios?: Record<string, unknown>;
}
