import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * The columns every mutable resource carries: the optimistic-concurrency version (its ETag, checked by
 * If-Match) and when the row was created and last changed. Not an entity itself; entities extend it.
 */
export abstract class Versioned {
  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
