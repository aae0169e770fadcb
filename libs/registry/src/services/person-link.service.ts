import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonLinkDto } from '../dto/replace-persons.dto';
import { EnterprisePerson } from '../entities/enterprise-person.entity';
import { Person } from '../entities/person.entity';
import { EnterpriseService } from './enterprise.service';
import { InputsChangeMarker } from './inputs-change-marker.service';
import { RescoreRequester } from './rescore-requester.service';

export interface PersonLinkView {
  idHash: string;
  name: string;
  role: string;
}

@Injectable()
export class PersonLinkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly marker: InputsChangeMarker,
    private readonly rescore: RescoreRequester,
  ) {}

  /** Replaces the enterprise's person links (persons upserted by idHash), in one transaction. */
  async replace(uscc: string, persons: PersonLinkDto[]): Promise<PersonLinkView[]> {
    const unique = [...new Map(persons.map((p) => [`${p.idHash}|${p.role}`, p])).values()];
    const affected = await this.db.transaction(async (m) => {
      const enterprise = await EnterpriseService.lockByUscc(m, uscc);
      // Its listings count against whoever it is linked to, before and after the change.
      const listed = await this.marker.hasActiveListing(m, enterprise.id);
      const before = listed ? await this.marker.mark(m, enterprise.id, { linked: true }) : [];
      if (unique.length > 0) {
        await m.query(
          `INSERT INTO persons (id_hash, name) VALUES ${unique.map(() => '(?, ?)').join(', ')}
           ON DUPLICATE KEY UPDATE name = VALUES(name)`,
          unique.flatMap((p) => [p.idHash, p.name]),
        );
      }
      await m.getRepository(EnterprisePerson).delete({ enterpriseId: enterprise.id });
      if (unique.length > 0) {
        const ids = await m.getRepository(Person).find({
          where: unique.map((p) => ({ idHash: p.idHash })),
          select: { id: true, idHash: true },
        });
        const byHash = new Map(ids.map((p) => [p.idHash, p.id]));
        await m.getRepository(EnterprisePerson).insert(
          unique.map((p) => ({
            enterpriseId: enterprise.id,
            personId: byHash.get(p.idHash)!,
            role: p.role,
          })),
        );
      }
      const after = await this.marker.mark(m, enterprise.id, { linked: listed });
      return [...new Set([...before, ...after])];
    });
    for (const u of affected) await this.rescore.request(u, 'persons-replaced');
    return unique.map(({ idHash, name, role }) => ({ idHash, name, role }));
  }
}
