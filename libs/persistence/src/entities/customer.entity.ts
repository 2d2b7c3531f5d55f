import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CLEARANCE_LEVELS, ClearanceLevel } from '@sow/domain';
import { Versioned } from './versioned';

@Entity({ name: 'customers' })
export class CustomerEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  region: string;

  @Column({ name: 'public_sector', type: 'boolean', default: false })
  publicSector: boolean;

  @Column({ name: 'required_clearance', type: 'enum', enum: CLEARANCE_LEVELS, enumName: 'clearance_level', nullable: true })
  requiredClearance: ClearanceLevel | null;
}
