import { PartnerEventWriter } from './services/partner-event.writer';
import { PartnerEventFeed } from './services/partner-event.feed';
import { PublicityEndAnnouncer } from './services/publicity-end.announcer';
import { PublicRecordReader } from './services/public-record.reader';
import { InspectionOutcomeReader } from './services/inspection-outcome.reader';
import { Module } from '@nestjs/common';
import { IndustryCatalog } from './industry-names';
import { RecordStatusWriter } from './services/record-status.writer';
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
import { RescoreOutboxRepository } from './services/rescore-outbox.repository';
import { RescoreOutboxRelay } from './services/rescore-outbox-relay.service';
import { AbnormalListingReader } from './services/abnormal-listing.reader';
import { ProfileReader } from './services/profile.reader';
import { RecordInputReader } from './services/record-input.reader';
import { EnterpriseIdReader } from './services/enterprise-id.reader';
import { RegistryWriter } from './services/registry.writer';
import { RegistryWrites } from './services/registry-writes.service';
import { EnterpriseRepository } from './services/enterprise.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Enterprise, CreditRecord, Person, EnterprisePerson])],
  providers: [
    EnterpriseService,
    RecordService,
    PersonLinkService,
    RescoreRequester,
    RescoreOutboxRepository,
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
    EnterpriseRepository,
    InspectionOutcomeReader,
    PublicRecordReader,
    PartnerEventWriter,
    PartnerEventFeed,
    PublicityEndAnnouncer,
  ],
  exports: [
    PartnerEventFeed,
    PublicityEndAnnouncer,
    PublicRecordReader,
    InspectionOutcomeReader,
    EnterpriseService,
    RecordService,
    PersonLinkService,
    RescoreRequester,
    RescoreOutboxRepository,
    RescoreOutboxRelay,
    InputsChangeMarker,
    AbnormalListingReader,
    IndustryCatalog,
    RecordStatusWriter,
    ProfileReader,
    RecordInputReader,
    EnterpriseIdReader,
    RegistryWriter,
    EnterpriseRepository,
    TypeOrmModule,
  ],
})
export class RegistryModule {}
