import { Body, Controller, Get, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { UuidParam } from '../http/params';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { PageQuery } from '../http/pagination.dto';
import { CreateUserRequest, UpdateUserRequest, UserPage, UserResponse } from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  @ApiOperation({ summary: 'Create a user' })
  create(@Body() body: CreateUserRequest): Promise<UserResponse> {
    return this.users.create(body);
  }

  @Get()
  @ApiOkResponse({ type: UserPage })
  @ApiOperation({ summary: 'List users' })
  list(@Query() page: PageQuery): Promise<UserPage> {
    return this.users.list(page.limit, page.offset);
  }

  @Get(':id')
  @UseInterceptors(EtagInterceptor)
  @ApiOkResponse({ type: UserResponse })
  @ApiOperation({ summary: 'Get a user' })
  get(@UuidParam() id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @UseInterceptors(EtagInterceptor)
  @ApiIfMatch()
  @ApiOkResponse({ type: UserResponse, description: 'Changes the role or deactivates; the user’s access tokens are refused from their next request' })
  update(@UuidParam() id: string, @Body() body: UpdateUserRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    const { version, ...patch } = body;
    return this.users.updateAccess(principal, id, patch, expectedVersion(ifMatch, version));
  }
}
