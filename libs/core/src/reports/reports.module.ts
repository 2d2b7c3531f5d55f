import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { ReportsService } from './reports.service';

/** Utilization, bench, travel and demand vs supply, read from the matching cache. */
@Module({ imports: [CandidatesModule], providers: [ReportsService], exports: [ReportsService] })
export class ReportsModule {}
