import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LevelRate, Level } from '@sow/domain';
import { Versioned } from './versioned';

/** Bill and cost rate per level, per hour, as decimal strings. One card per currency. */
@Entity({ name: 'rate_cards' })
@Index('uq_rate_cards_currency', ['currency'], { unique: true })
export class RateCardEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb' })
  rates: Partial<Record<Level, LevelRate>>;

  /** Quotes use the active card of the SOW's currency. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
