import { Body, Controller, HttpCode, Ip, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { Response } from 'express';
import { AppConfig } from '@sow/config';
import { UsersService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { Public } from '../http/auth.decorators';
import { accessTokenClaims } from '../http/auth.guard';
import { ErrorBody } from '../http/error-body';
import { LoginRequest, LoginResponse } from './login.dto';
import { LoginRateLimitedError, LoginThrottle } from './login-throttle';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  @ApiTooManyRequestsResponse({
    type: ErrorBody,
    description: 'Too many failed sign-ins for this email from this address',
    headers: { 'Retry-After': { description: 'Seconds until sign-in is allowed again', schema: { type: 'integer' } } },
  })
  async login(@Body() body: LoginRequest, @Ip() ip: string | undefined, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const address = ip ?? 'unknown';
    try {
      this.throttle.assertAllowed(body.email, address);
    } catch (error) {
      if (error instanceof LoginRateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    const user = await this.users.authenticate(body.email, body.password);
    if (!user) {
      this.throttle.recordFailure(body.email, address);
      throw new DomainError('unauthenticated', 'Email or password is wrong');
    }
    this.throttle.recordSuccess(body.email, address);
    const claims = accessTokenClaims({ userId: user.id, email: user.email, role: user.role, engineerId: user.engineerId, tokenVersion: user.version });
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtExpiresInSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresInSeconds };
  }
}
