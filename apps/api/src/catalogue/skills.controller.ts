import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { SkillsService } from '@sow/core';
import { SKILL_CATEGORIES, SkillCategory } from '@sow/domain';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';

export class SkillDto {
  @ApiProperty({ example: 'openshift', description: 'Lower-case letters, digits and dashes; stored on engineers, never renamed' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'key must be lower-case letters, digits and dashes (max 64)' })
  key: string;

  @ApiProperty({ example: 'Red Hat OpenShift' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: SKILL_CATEGORIES }) @IsIn(SKILL_CATEGORIES) category: SkillCategory;
}

@ApiTags('skills')
@ApiBearerAuth()
@Controller('skills')
export class SkillsController {
  constructor(private readonly skills: SkillsService) {}

  @Get()
  @ApiOkResponse({ type: [SkillDto] })
  @ApiOperation({ summary: 'List skills' })
  list(): Promise<SkillDto[]> {
    return this.skills.list();
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: SkillDto })
  @ApiOperation({ summary: 'Create a skill' })
  create(@Body() body: SkillDto, @CurrentPrincipal() principal: Principal): Promise<SkillDto> {
    return this.skills.create(principal, body);
  }
}
