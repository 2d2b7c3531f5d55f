import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopeTemplatesService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { CreateScopeTemplateRequest, ScopeTemplateResponse } from './scope-template.dto';

@ApiTags('scope-templates')
@ApiBearerAuth()
@Controller('scope-templates')
export class ScopeTemplatesController {
  constructor(private readonly templates: ScopeTemplatesService) {}

  @Get()
  @ApiOkResponse({ type: [ScopeTemplateResponse] })
  @ApiOperation({ summary: 'List scope templates' })
  list(): Promise<ScopeTemplateResponse[]> {
    return this.templates.list();
  }

  @Get(':key')
  @ApiOkResponse({ type: ScopeTemplateResponse })
  @ApiOperation({ summary: 'Get a scope template' })
  get(@Param('key') key: string): Promise<ScopeTemplateResponse> {
    return this.templates.get(key);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ScopeTemplateResponse })
  @ApiOperation({ summary: 'Create a scope template' })
  create(@Body() body: CreateScopeTemplateRequest, @CurrentPrincipal() principal: Principal): Promise<ScopeTemplateResponse> {
    return this.templates.create(principal, body);
  }
}
