/**
 * The timers as they were when this module loaded: real ones, even once a test has installed
 * Jest's fake timers (which replace the globals, and with them Jest's own test timeout).
 */
const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;

/**
 * `promise`, or a failure naming what never came once `ms` of real time have passed: fails
 * loudly rather than hang the suite, under a fake clock too.
 */
export async function within<T>(promise: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    realClearTimeout(timer);
  }
}
