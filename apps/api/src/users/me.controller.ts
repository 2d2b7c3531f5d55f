import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@sow/core';
import { CurrentPrincipal, Principal } from '../http/auth.decorators';
import { UserResponse } from './user.dto';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserResponse, description: 'The signed-in user' })
  @ApiOperation({ summary: 'Get the signed-in user' })
  me(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return this.users.get(principal.userId);
  }
}
