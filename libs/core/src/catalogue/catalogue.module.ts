import { Module } from '@nestjs/common';
import { RateCardsService } from './rate-cards.service';
import { ScopeTemplatesService } from './scope-templates.service';
import { SkillsService } from './skills.service';

/** The reference data an EM quotes from: skills, scope templates and rate cards. */
@Module({
  providers: [SkillsService, ScopeTemplatesService, RateCardsService],
  exports: [SkillsService, ScopeTemplatesService, RateCardsService],
})
export class CatalogueModule {}
