import { Module } from '@nestjs/common';
import { WorkingCalendarModule } from '../working-calendar/working-calendar.module';
import { CandidatesService } from './candidates.service';
import { MatchingCache } from './matching-cache';

/** Matching: the in-memory directory (one per process) and the ranked candidates for a scope item. */
@Module({
  imports: [WorkingCalendarModule],
  providers: [MatchingCache, CandidatesService],
  exports: [MatchingCache, CandidatesService],
})
export class CandidatesModule {}
