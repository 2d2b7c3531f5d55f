import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@sow/config';
import { UsersService } from '@sow/core';

/** Creates the first admin from configuration when the users table is empty. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.users.ensureBootstrapAdmin(this.config.bootstrapAdmin);
  }
}
