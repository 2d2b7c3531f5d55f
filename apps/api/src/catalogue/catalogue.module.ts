import { Module } from '@nestjs/common';
import { CatalogueModule } from '@sow/core';
import { SkillsController } from './skills.controller';
import { ScopeTemplatesController } from './scope-templates.controller';
import { RateCardsController } from './rate-cards.controller';

@Module({ imports: [CatalogueModule], controllers: [SkillsController, ScopeTemplatesController, RateCardsController] })
export class CatalogueApiModule {}
