import { DataSource, DeepPartial, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** A unit of work: pass it to repository calls so they join the caller's transaction. Opaque to services. */
export type Tx = EntityManager;

export interface FindOptions {
  /** SELECT ... FOR UPDATE; only inside a transaction. Serialises concurrent writers of one row. */
  lock?: boolean;
}

/** The CRUD every repository shares; each one runs on the transaction it is given, or on the pool. */
export abstract class BaseRepository<E extends ObjectLiteral & { id: string }> {
  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly target: EntityTarget<E>,
  ) {}

  protected repo(tx?: Tx): Repository<E> {
    return (tx ?? this.dataSource.manager).getRepository(this.target);
  }

  findById(id: string, tx?: Tx, options: FindOptions = {}): Promise<E | null> {
    return this.repo(tx).findOne({
      where: { id } as FindOptionsWhere<E>,
      ...(options.lock && tx ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  insert(values: DeepPartial<E>, tx?: Tx): Promise<E> {
    const repo = this.repo(tx);
    return repo.save(repo.create(values));
  }

  /** Saves changes; @VersionColumn bumps `version` in the same UPDATE. */
  save(entity: E, tx?: Tx): Promise<E> {
    return this.repo(tx).save(entity);
  }

  /**
   * One UPDATE of the given columns; TypeORM adds `version = version + 1` (and updated_at) for versioned
   * entities, so the version moves even when only related rows (skills, scope items) changed.
   */
  async update(id: string, changes: Partial<E>, tx?: Tx): Promise<E> {
    // jsonb values are serialised by the driver; the deep-partial type just cannot express Record<string, unknown>.
    const set = (Object.keys(changes).length > 0 ? changes : { version: () => '"version" + 1' }) as QueryDeepPartialEntity<E>;
    await this.repo(tx).createQueryBuilder().update().set(set).where('id = :id', { id }).execute();
    const reloaded = await this.findById(id, tx);
    if (!reloaded) throw new Error(`row ${id} vanished inside its own transaction`);
    return reloaded;
  }

  async remove(entity: E, tx?: Tx): Promise<void> {
    await this.repo(tx).delete({ id: entity.id } as FindOptionsWhere<E>);
  }
}
