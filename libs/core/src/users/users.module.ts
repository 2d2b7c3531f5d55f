import { Module } from '@nestjs/common';
import { UsersService } from './users.service';

/** Users, roles and credentials (the api's login and guard use it). */
@Module({ providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
