import { Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditWriter } from './audit-writer.service';
import { AuditRepository } from './audit.repository';

/**
 * The audit trail of the API: its buffered writer and admins' reads. The app
 * registers AuditGuard as a global guard after AccessGuard, which finds the
 * caller, and the hooks that write the entries on the HTTP server.
 */
@Module({
  providers: [AuditWriter, AuditQueryService, AuditRepository],
  exports: [AuditWriter, AuditQueryService],
})
export class AuditModule {}
