import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ChangeRequestsService } from './change-requests.service';
import { SowsService } from './sows.service';

/** SOWs, their scope items and quotes, and their change requests. */
@Module({
  imports: [CatalogueModule],
  providers: [SowsService, ChangeRequestsService],
  exports: [SowsService, ChangeRequestsService],
})
export class SowsModule {}
