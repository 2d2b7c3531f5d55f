import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { USER_ROLES, UserRole } from '@sow/domain';
import { EngineerEntity } from './engineer.entity';
import { Versioned } from './versioned';

@Entity({ name: 'users' })
@Index('uq_users_email', ['email'], { unique: true })
export class UserEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'enum', enum: USER_ROLES, enumName: 'user_role' })
  role: UserRole;

  @Column({ name: 'engineer_id', type: 'uuid', nullable: true })
  engineerId: string | null;

  // SET NULL: deleting an engineer record keeps the login, unlinked.
  @ManyToOne(() => EngineerEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'engineer_id' })
  engineer?: EngineerEntity | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
