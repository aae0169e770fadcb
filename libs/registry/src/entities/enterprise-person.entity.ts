import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from './person.entity';

export type PersonRole = 'LEGAL_REPRESENTATIVE' | 'SHAREHOLDER' | 'EXECUTIVE';
export const PERSON_ROLES: readonly PersonRole[] = [
  'LEGAL_REPRESENTATIVE',
  'SHAREHOLDER',
  'EXECUTIVE',
];

@Entity('enterprise_persons')
export class EnterprisePerson {
  @PrimaryColumn({ type: 'bigint', unsigned: true })
  enterpriseId: string;

  @PrimaryColumn({ type: 'bigint', unsigned: true })
  personId: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  role: PersonRole;

  @ManyToOne(() => Person)
  @JoinColumn({ name: 'person_id' })
  person?: Person;
}
