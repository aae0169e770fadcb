import { Module } from '@nestjs/common';
import { IndustryCatalog } from './industry-names';
import { RecordStatusWriter } from './services/record-status-writer.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditRecord } from './entities/credit-record.entity';
import { Enterprise } from './entities/enterprise.entity';
import { EnterprisePerson } from './entities/enterprise-person.entity';
import { Person } from './entities/person.entity';
import { EnterpriseService } from './services/enterprise.service';
import { PersonLinkService } from './services/person-link.service';
import { RecordService } from './services/record.service';
import { InputsChangeMarker } from './services/inputs-change-marker.service';
import { RescoreRequester } from './services/rescore-requester.service';
import { RescoreOutbox } from './services/rescore-outbox.service';
import { RescoreOutboxRelay } from './services/rescore-outbox-relay.service';
import { AbnormalListingReader } from './services/abnormal-listing.reader';
import { ProfileReader } from './services/profile.reader';
import { RecordInputReader } from './services/record-input.reader';
import { EnterpriseIdReader } from './services/enterprise-id.reader';
import { RegistryWriter } from './services/registry-writer.service';
import { RegistryWrites } from './services/registry-writes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Enterprise, CreditRecord, Person, EnterprisePerson])],
  providers: [
    EnterpriseService,
    RecordService,
    PersonLinkService,
    RescoreRequester,
    RescoreOutbox,
    RescoreOutboxRelay,
    InputsChangeMarker,
    AbnormalListingReader,
    IndustryCatalog,
    RecordStatusWriter,
    ProfileReader,
    RecordInputReader,
    EnterpriseIdReader,
    RegistryWriter,
    RegistryWrites,
  ],
  exports: [
    EnterpriseService,
    RecordService,
    PersonLinkService,
    RescoreRequester,
    RescoreOutbox,
    RescoreOutboxRelay,
    InputsChangeMarker,
    AbnormalListingReader,
    IndustryCatalog,
    RecordStatusWriter,
    ProfileReader,
    RecordInputReader,
    EnterpriseIdReader,
    RegistryWriter,
    TypeOrmModule,
  ],
})
export class RegistryModule {}
