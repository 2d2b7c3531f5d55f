import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '@sow/config';
import { UsersModule } from '@sow/core';
import { AuthController } from './auth.controller';
import { LoginThrottle } from './login-throttle';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';

/**
 * Users and authentication: login, the profile, user admin. Exports what the app-wide guard and the
 * queue dashboard need to check a token (JwtService, UsersService) and the login throttle.
 */
@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public key on every verify.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, MeController, UsersController],
  providers: [LoginThrottle],
  exports: [UsersModule, JwtModule, LoginThrottle],
})
export class UsersApiModule {}
