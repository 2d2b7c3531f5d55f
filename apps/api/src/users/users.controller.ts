import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { UuidParam } from '../http/params';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@sow/core';
import { Roles } from '../http/auth.decorators';
import { PageQuery } from '../http/pagination.dto';
import { CreateUserRequest, UserPage, UserResponse } from './user.dto';

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
  @ApiOkResponse({ type: UserResponse })
  @ApiOperation({ summary: 'Get a user' })
  get(@UuidParam() id: string): Promise<UserResponse> {
    return this.users.get(id);
  }
}
