import { Module } from '@nestjs/common';
import { CandidatesModule } from '@sow/core';
import { CandidatesController } from './candidates.controller';

@Module({ imports: [CandidatesModule], controllers: [CandidatesController] })
export class CandidatesApiModule {}
