import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core/values/clock';
import { PersonLinkDto } from '../dto/replace-persons.dto';
import { Enterprise } from '../entities/enterprise.entity';
import { EnterprisePerson } from '../entities/enterprise-person.entity';
import { Person } from '../entities/person.entity';
import { EnterpriseService } from './enterprise.service';
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
    private readonly clock: Clock,
    private readonly rescore: RescoreRequester,
  ) {}

  /** Replaces the enterprise's person links (persons upserted by idHash), in one transaction. */
  async replace(uscc: string, persons: PersonLinkDto[]): Promise<PersonLinkView[]> {
    const unique = [...new Map(persons.map((p) => [`${p.idHash}|${p.role}`, p])).values()];
    await this.db.transaction(async (m) => {
      const enterprise = await EnterpriseService.lockByUscc(m, uscc);
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
        await m
          .getRepository(EnterprisePerson)
          .insert(
            unique.map((p) => ({
              enterpriseId: enterprise.id,
              personId: byHash.get(p.idHash)!,
              role: p.role,
            })),
          );
      }
      await m
        .getRepository(Enterprise)
        .update({ id: enterprise.id }, { inputsChangedAt: this.clock.now() });
    });
    await this.rescore.request(uscc, 'persons-replaced');
    return unique.map(({ idHash, name, role }) => ({ idHash, name, role }));
  }
}
