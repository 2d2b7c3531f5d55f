import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsBoundedDate } from '../http/dates';
import { CompanyDayOffView, WorkingCalendarService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { UuidParam } from '../http/params';

export class CreateCompanyDayOffRequest {
  @ApiProperty({ format: 'date', example: '2027-12-24' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) @IsBoundedDate() date: string;
  @ApiProperty({ example: 'Company shutdown', maxLength: 200 }) @IsString() @Length(1, 200) name: string;
}

export class CompanyDayOffResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
}

/** Days the whole company is off: like public holidays, they come out of every engineer's capacity. */
@ApiTags('working calendar')
@ApiBearerAuth()
@Controller('company-days-off')
export class CompanyDaysOffController {
  constructor(private readonly calendars: WorkingCalendarService) {}

  @Get()
  @ApiOkResponse({ type: [CompanyDayOffResponse] })
  list(): Promise<CompanyDayOffView[]> {
    return this.calendars.list();
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: CompanyDayOffResponse })
  create(@Body() body: CreateCompanyDayOffRequest, @CurrentPrincipal() principal: Principal): Promise<CompanyDayOffView> {
    return this.calendars.add(principal, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.calendars.remove(principal, id);
  }
}
