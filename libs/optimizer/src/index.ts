export * from './model/model.types';
export { validateModel, parseModel, ModelValidationError } from './model/model-validator';
export type { ModelIssue } from './model/model-validator';
export { verifySolution } from './model/verifier';
export type { Violation, ViolationKind, VerificationReport } from './model/verifier';
export { solveModel, isSolveMethod, DEFAULT_TIME_LIMIT_MS } from './optimizer.service';
export { solveInWorker, WorkerSolveError } from './solve-in-worker';
export { readGap, gapToModel, gapProfitOffset, GapFormatError } from './io/gap-reader';
export type { GapInstance, GapSense } from './io/gap-reader';
