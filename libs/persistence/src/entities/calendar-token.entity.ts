import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EngineerEntity } from './engineer.entity';

/** A personal calendar-feed secret. Only its SHA-256 is stored; the URL holds the secret itself. */
@Entity({ name: 'calendar_tokens' })
@Index('uq_calendar_tokens_hash', ['tokenHash'], { unique: true })
@Index('ix_calendar_tokens_engineer', ['engineerId'])
export class CalendarTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @ManyToOne(() => EngineerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engineer_id' })
  engineer?: EngineerEntity;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
