import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { PageQuery } from '../http/pagination.dto';
import { UuidParam } from '../http/params';
import { CreateCustomerRequest, CustomerPage, CustomerResponse, UpdateCustomerRequest } from './customer.dto';

@ApiTags('customers')
@ApiBearerAuth()
@Roles('admin', 'senior_manager', 'engagement_manager')
@UseInterceptors(EtagInterceptor)
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @ApiCreatedResponse({ type: CustomerResponse })
  @ApiOperation({ summary: 'Create a customer' })
  create(@Body() body: CreateCustomerRequest, @CurrentPrincipal() principal: Principal): Promise<CustomerResponse> {
    return this.customers.create(principal, body);
  }

  @Get()
  @ApiOkResponse({ type: CustomerPage })
  @ApiOperation({ summary: 'List customers' })
  list(@Query() page: PageQuery): Promise<CustomerPage> {
    return this.customers.list(page.limit, page.offset);
  }

  @Get(':id')
  @ApiOkResponse({ type: CustomerResponse })
  @ApiOperation({ summary: 'Get a customer' })
  get(@UuidParam() id: string): Promise<CustomerResponse> {
    return this.customers.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CustomerResponse })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Update a customer' })
  update(@UuidParam() id: string, @Body() body: UpdateCustomerRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<CustomerResponse> {
    const { version, ...patch } = body;
    return this.customers.update(principal, id, patch, expectedVersion(ifMatch, version));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'A customer with SOWs is refused with 409' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Delete a customer' })
  async remove(@UuidParam() id: string, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.customers.remove(principal, id, ifMatch);
  }
}
