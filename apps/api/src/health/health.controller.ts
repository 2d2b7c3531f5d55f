import { Controller, Get, OnModuleDestroy } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig } from '@sow/config';
import { parseRedisUrl } from '@sow/jobs';
import { Public } from '../http/auth.decorators';

/** Liveness and readiness: the database always, Redis when it is configured. */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {
    this.redis = config.redisUrl
      ? new Redis({ ...parseRedisUrl(config.redisUrl), maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true })
      : undefined;
    this.redis?.on('error', () => undefined); // reported through the check, not as an unhandled event
  }

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Check readiness (database and queues)' })
  check(): Promise<HealthCheckResult> {
    const checks = [() => this.db.pingCheck('database', { timeout: 3000 })];
    if (this.redis) checks.push(() => this.pingRedis(this.redis as Redis));
    return this.health.check(checks);
  }

  private async pingRedis(redis: Redis): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('redis');
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        this.connected(redis).then(() => redis.ping()),
        new Promise<string>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 2000);
        }),
      ]);
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected answer ${answer}` });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One connection attempt shared by every check that arrives while it runs: without the offline queue a
   * ping sent while connecting fails at once, so a burst of checks on a fresh process reported Redis down.
   */
  private connecting: Promise<void> | null = null;
  private connected(redis: Redis): Promise<void> {
    if (redis.status === 'ready') return Promise.resolve();
    if (redis.status === 'wait' || redis.status === 'end' || redis.status === 'close') {
      this.connecting ??= redis.connect().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting ?? Promise.resolve();
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
