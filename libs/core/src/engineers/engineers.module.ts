import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { EngineersService } from './engineers.service';
import { TimeOffService } from './time-off.service';

/** Engineers, their skills and their time off. */
@Module({
  imports: [CatalogueModule],
  providers: [EngineersService, TimeOffService],
  exports: [EngineersService, TimeOffService],
})
export class EngineersModule {}
