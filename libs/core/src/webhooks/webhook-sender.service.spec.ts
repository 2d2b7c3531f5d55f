import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppConfig } from '@sow/config';
import { AuditRepository, DeliveryToSend, TransactionRunner, WebhooksRepository } from '@sow/persistence';
import { WebhookEnqueuer } from './webhook-enqueuer';
import { WebhookSenderService } from './webhook-sender.service';

/** The sender against a real local receiver, with the repository mocked: what each answer does to the delivery and endpoint. */
describe('WebhookSenderService', () => {
  let server: Server;
  let answer = 503;
  let url = '';

  beforeAll(async () => {
    server = createServer((req, res) => req.resume().on('end', () => res.writeHead(answer).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function setUp(failingSince: Date | null, attempts = 1) {
    const claimed: DeliveryToSend = {
      delivery: { id: 'd1', attempts },
      message: { id: 'msg_1', body: '{"type":"webhook.test","version":1,"timestamp":"2026-12-07T00:00:00.000Z","data":{}}' },
      endpoint: { id: 'e1', url, enabled: true, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', previousSecret: null, previousSecretExpiresAt: null, failingSince },
    };
    const repo = {
      claim: jest.fn().mockResolvedValue(claimed),
      recordAttempt: jest.fn().mockResolvedValue(undefined),
      markEndpointFailing: jest.fn().mockResolvedValue(failingSince ?? new Date()),
      markEndpointHealthy: jest.fn().mockResolvedValue(undefined),
      disableEndpoint: jest.fn().mockResolvedValue({ id: 'e1' }),
    };
    const enqueuer = { enqueue: jest.fn().mockResolvedValue(undefined) };
    const audit = { record: jest.fn().mockResolvedValue(undefined), publish: jest.fn().mockResolvedValue(undefined) };
    const tx = { run: jest.fn((work: (t: unknown) => Promise<unknown>) => work({})) };
    const config = AppConfig.fromEnv({ NODE_ENV: 'test', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_TIMEOUT_MS: '2000' });
    const sender = new WebhookSenderService(repo as unknown as WebhooksRepository, enqueuer as unknown as WebhookEnqueuer, audit as unknown as AuditRepository, tx as unknown as TransactionRunner, config);
    return { sender, repo, enqueuer, audit };
  }

  it('records a 2xx as succeeded and clears a failing streak', async () => {
    answer = 200;
    const { sender, repo } = setUp(new Date(Date.now() - 60_000));
    await expect(sender.deliver('d1')).resolves.toBe('succeeded');
    expect(repo.recordAttempt).toHaveBeenCalledWith('d1', expect.objectContaining({ status: 'succeeded', responseStatus: 200 }));
    expect(repo.markEndpointHealthy).toHaveBeenCalledWith('e1');
  });

  it('schedules the next attempt of a 503 on the retry schedule (5 s ± 20% after the first)', async () => {
    answer = 503;
    const { sender, repo, enqueuer } = setUp(null);
    await expect(sender.deliver('d1')).resolves.toBe('retrying');
    const outcome = repo.recordAttempt.mock.calls[0][1] as { status: string; nextAttemptInMs: number };
    expect(outcome.status).toBe('pending');
    expect(outcome.nextAttemptInMs).toBeGreaterThanOrEqual(4000);
    expect(outcome.nextAttemptInMs).toBeLessThanOrEqual(6000);
    expect(enqueuer.enqueue).toHaveBeenCalledWith([{ id: 'd1', attempts: 1 }], outcome.nextAttemptInMs);
  });

  it('disables an endpoint that has failed for a day, with an event and an audit row', async () => {
    answer = 500;
    const { sender, repo, audit } = setUp(new Date(Date.now() - 25 * 3600_000), 4);
    await sender.deliver('d1');
    expect(repo.disableEndpoint).toHaveBeenCalledWith('e1', 'failing', {});
    expect(audit.publish).toHaveBeenCalledWith(expect.objectContaining({ type: 'webhook_endpoint.disabled', payload: expect.objectContaining({ reason: 'failing' }) }), {});
    expect(audit.record).toHaveBeenCalledWith(expect.objectContaining({ action: 'webhook_endpoint.disabled' }), {});
  });

  it('gives up after the tenth attempt', async () => {
    answer = 500;
    const { sender, repo, enqueuer } = setUp(new Date(), 10);
    await expect(sender.deliver('d1')).resolves.toBe('failed');
    expect(repo.recordAttempt).toHaveBeenCalledWith('d1', expect.objectContaining({ status: 'failed', nextAttemptInMs: null }));
    expect(enqueuer.enqueue).not.toHaveBeenCalled();
  });
});
