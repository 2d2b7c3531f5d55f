import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from './base.repository';

/** Runs a command in one transaction: every write, its audit row and its outbox row commit together or not at all. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
