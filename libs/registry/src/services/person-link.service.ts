import { Injectable } from '@nestjs/common';
import { PersonLinkDto } from '../dto/replace-persons.dto';
import { RegistryWrites } from './registry-writes.service';

export interface PersonLinkView {
  idHash: string;
  name: string;
  role: string;
}

@Injectable()
export class PersonLinkService {
  constructor(private readonly writes: RegistryWrites) {}

  /**
   * Replaces the enterprise's person links (persons upserted by idHash); when
   * the set changes, the enterprise and, if it carries a listing, everyone
   * linked to it before and after are re-scored.
   */
  async replace(uscc: string, persons: PersonLinkDto[]): Promise<PersonLinkView[]> {
    await this.writes.apply({ kind: 'persons', line: 1, uscc, persons }, () => 'persons-replaced');
    const unique = [...new Map(persons.map((p) => [`${p.idHash}|${p.role}`, p])).values()];
    return unique.map(({ idHash, name, role }) => ({ idHash, name, role }));
  }
}
