import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TIME_OFF_KINDS, TimeOffKind } from '@sow/domain';
import { EngineerEntity } from './engineer.entity';

@Entity({ name: 'time_off' })
@Index('ix_time_off_engineer_dates', ['engineerId', 'startDate', 'endDate'])
export class TimeOffEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @ManyToOne(() => EngineerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engineer_id' })
  engineer?: EngineerEntity;

  @Column({ type: 'enum', enum: TIME_OFF_KINDS, enumName: 'time_off_kind' })
  kind: TimeOffKind;

  /** Inclusive calendar dates YYYY-MM-DD. */
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
