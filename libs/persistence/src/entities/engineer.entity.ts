import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CLEARANCE_LEVELS, ClearanceLevel, Level, LEVELS } from '@sow/domain';
import { NUMERIC_AS_NUMBER } from './column-transformers';
import { Versioned } from './versioned';

@Entity({ name: 'engineers' })
@Index('uq_engineers_email', ['email'], { unique: true })
export class EngineerEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'enum', enum: LEVELS, enumName: 'engineer_level' })
  level: Level;

  @Column({ name: 'lead_capable', type: 'boolean' })
  leadCapable: boolean;

  @Column({ type: 'varchar', length: 64 })
  region: string;

  /** IANA zone name. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  // No column defaults: the service applies them (40, 0.70, 1.0, 0.20), and numeric defaults drift in TypeORM's diff.
  @Column({ name: 'weekly_capacity_hours', type: 'numeric', precision: 5, scale: 2, transformer: NUMERIC_AS_NUMBER })
  weeklyCapacityHours: number;

  @Column({ name: 'utilization_target', type: 'numeric', precision: 4, scale: 3, transformer: NUMERIC_AS_NUMBER })
  utilizationTarget: number;

  @Column({ name: 'max_utilization', type: 'numeric', precision: 4, scale: 3, transformer: NUMERIC_AS_NUMBER })
  maxUtilization: number;

  @Column({ name: 'travel_limit', type: 'numeric', precision: 4, scale: 3, transformer: NUMERIC_AS_NUMBER })
  travelLimit: number;

  @Column({ type: 'enum', enum: CLEARANCE_LEVELS, enumName: 'clearance_level', nullable: true })
  clearance: ClearanceLevel | null;

  @Column({ type: 'boolean' })
  billable: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** ISO 3166-1 alpha-2: whose public holidays come out of the engineer's capacity. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;

  /** ISO 3166-2 (e.g. DE-BY): regional holidays too. */
  @Column({ type: 'varchar', length: 6, nullable: true })
  subdivision: string | null;
}
