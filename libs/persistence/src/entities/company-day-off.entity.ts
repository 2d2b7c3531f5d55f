import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A day the whole company is off (a shutdown, a company holiday): nobody's capacity counts it. */
@Entity({ name: 'company_days_off' })
export class CompanyDayOffEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** YYYY-MM-DD, one row per day. */
  @Column({ type: 'date', unique: true })
  date: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
