import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A natural person, known only by a salted hash of the ID number, never the number. */
@Entity('persons')
export class Person {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'char', length: 64, unique: true })
  idHash: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
