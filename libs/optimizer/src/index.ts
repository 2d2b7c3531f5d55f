export * from './model.types';
export { validateModel, parseModel, ModelValidationError } from './model-validator';
export type { ModelIssue } from './model-validator';
export { verifySolution } from './verifier';
export type { Violation, ViolationKind, VerificationReport } from './verifier';
export { solveModel, isSolveMethod, DEFAULT_TIME_LIMIT_MS } from './optimizer.service';
export { solveInWorker, WorkerSolveError } from './solve-in-worker';
export { readGap, gapToModel, gapProfitOffset, GapFormatError } from './gap-reader';
export type { GapInstance, GapSense } from './gap-reader';
