import { ApiProperty } from '@nestjs/swagger';

// Response shapes of the health check and the audit trail, for the OpenAPI document only.

const CHECKS = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
  example: { mysql: { status: 'up' }, redis: { status: 'up' } },
};

export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status!: string;
  @ApiProperty({ ...CHECKS, description: 'the checks that passed' })
  info!: Record<string, unknown>;
  @ApiProperty({ ...CHECKS, description: 'the checks that failed', example: {} })
  error!: Record<string, unknown>;
  @ApiProperty({ ...CHECKS, description: 'every check' }) details!: Record<string, unknown>;
}

export class AuditActorView {
  @ApiProperty() sub!: string;
  @ApiProperty({ example: 'regulator' }) role!: string;
  @ApiProperty({ type: String, nullable: true, example: '3301' }) region!: string | null;
}

export class AuditEntryView {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditActorView }) actor!: AuditActorView;
  @ApiProperty({ example: 'risk.read' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) resource!: string | null;
  @ApiProperty({ type: String, nullable: true }) uscc!: string | null;
  @ApiProperty({ example: 200 }) statusCode!: number;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'as the client sent it, unverified' })
  clientRequestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
}
