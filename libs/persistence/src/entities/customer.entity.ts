import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CLEARANCE_LEVELS, ClearanceLevel } from '@sow/domain';

@Entity({ name: 'customers' })
export class CustomerEntity {
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

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
