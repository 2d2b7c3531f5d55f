import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@sow/config';
import { UsersService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { Public } from '../http/auth.decorators';
import { accessTokenClaims } from '../http/auth.guard';
import { ErrorBody } from '../http/error-body';
import { LoginRequest, LoginResponse } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const user = await this.users.authenticate(body.email, body.password);
    if (!user) throw new DomainError('unauthenticated', 'Email or password is wrong');
    const claims = accessTokenClaims({ userId: user.id, email: user.email, role: user.role, engineerId: user.engineerId });
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtExpiresInSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresInSeconds };
  }
}
