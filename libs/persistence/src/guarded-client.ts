import { Client, ClientConfig } from 'pg';

/**
 * The pool's client class. pg emits 'error' on a client whose connection dies (a killed backend, a
 * restarted server); with no listener at that moment, Node turns it into an uncaught exception and the
 * process dies. The pool and TypeORM listen only while a client is idle or inside a query runner, and a
 * connection killed in between crashed the api (seen with pg_terminate_backend under load). The queries
 * on the client still fail and the pool still drops the client; this listener only keeps the process up.
 */
export class GuardedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
