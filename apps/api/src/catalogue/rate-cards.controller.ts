import { Body, Controller, Get, Param, Put, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { RateCardsService } from '@sow/core';
import { CurrentPrincipal, Principal, Roles } from '../http/auth.decorators';
import { ApiIfMatch, EtagInterceptor, expectedVersion, IfMatch } from '../http/etag';
import { OptionalNonNull } from '../http/optional';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

export class LevelRateDto {
  @ApiProperty({ example: '250.00', description: 'Per hour, decimal string' }) @IsString() @Matches(AMOUNT, { message: 'billRate must be a decimal string like 250.00' }) billRate: string;
  @ApiProperty({ example: '105.00', description: 'Per hour, decimal string' }) @IsString() @Matches(AMOUNT, { message: 'costRate must be a decimal string like 105.00' }) costRate: string;
}

export class RatesDto {
  @ApiProperty({ type: LevelRateDto }) @IsObject() @ValidateNested() @Type(() => LevelRateDto) associate: LevelRateDto;
  @ApiProperty({ type: LevelRateDto }) @IsObject() @ValidateNested() @Type(() => LevelRateDto) intermediate: LevelRateDto;
  @ApiProperty({ type: LevelRateDto }) @IsObject() @ValidateNested() @Type(() => LevelRateDto) senior: LevelRateDto;
  @ApiProperty({ type: LevelRateDto }) @IsObject() @ValidateNested() @Type(() => LevelRateDto) senior_manager: LevelRateDto;
}

export class PutRateCardRequest {
  @ApiProperty({ example: 'Standard EUR rate card' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ type: RatesDto }) @IsObject() @ValidateNested() @Type(() => RatesDto) rates: RatesDto;
  @ApiPropertyOptional({ default: true, description: 'Quotes use the active card of the SOW currency' }) @OptionalNonNull() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'The version you read (alternative to If-Match)' }) @OptionalNonNull() @IsInt() version?: number;
}

export class RateCardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: RatesDto }) rates: RatesDto;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

@ApiTags('rate-cards')
@ApiBearerAuth()
@UseInterceptors(EtagInterceptor)
@Controller('rate-cards')
export class RateCardsController {
  constructor(private readonly cards: RateCardsService) {}

  @Get()
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @ApiOkResponse({ type: [RateCardResponse] })
  @ApiOperation({ summary: 'List rate cards' })
  list(): Promise<RateCardResponse[]> {
    return this.cards.list() as Promise<RateCardResponse[]>;
  }

  @Get(':currency')
  @Roles('admin', 'senior_manager', 'engagement_manager')
  @ApiOkResponse({ type: RateCardResponse })
  @ApiOperation({ summary: 'Get the rate card of a currency' })
  get(@Param('currency') currency: string): Promise<RateCardResponse> {
    return this.cards.get(currency) as Promise<RateCardResponse>;
  }

  @Put(':currency')
  @Roles('admin')
  @ApiOkResponse({ type: RateCardResponse, description: 'Creates or replaces the card of a currency' })
  @ApiIfMatch()
  @ApiOperation({ summary: 'Replace the rate card of a currency' })
  put(@Param('currency') currency: string, @Body() body: PutRateCardRequest, @IfMatch() ifMatch: number | undefined, @CurrentPrincipal() principal: Principal): Promise<RateCardResponse> {
    const { version, ...input } = body;
    return this.cards.put(principal, currency, input, expectedVersion(ifMatch, version)) as Promise<RateCardResponse>;
  }
}
