import { startStack } from './stack';

declare global {
  var sowStack: { stop(): Promise<void> } | undefined;
}

/** Starts the api and worker once for every browser test; the tests read SOW_BASE_URL. */
export default async function globalSetup(): Promise<void> {
  const databaseName = `${process.env.TEST_DATABASE_NAME ?? 'sow_e2e'}_web`;
  const stack = await startStack({ databaseName });
  process.env.SOW_BASE_URL = stack.baseUrl;
  globalThis.sowStack = stack;
}
