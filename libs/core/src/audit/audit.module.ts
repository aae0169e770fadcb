import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor';
import { AuditQueryService } from './audit-query.service';
import { AuditWriter } from './audit-writer.service';

/** The audit trail of the API: the global interceptor, its buffered writer, and admins' reads. */
@Module({
  providers: [
    AuditWriter,
    AuditQueryService,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditWriter, AuditQueryService],
})
export class AuditModule {}
