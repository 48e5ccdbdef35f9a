import { AdminApiError, TransportError } from './admin-api-error';

/** How often and how patiently to retry. Times in milliseconds. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Backoff base: attempt n waits up to base × 2^(n-1), before jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of one wait, also for a server's Retry-After. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 10_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_TRANSPORT = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** May the call be tried again? Throttling, server errors and broken connections may; anything else may not. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof AdminApiError) return RETRYABLE_STATUS.has(error.status) || error.code === 'SlowDown';
  if (error instanceof TransportError) return RETRYABLE_TRANSPORT.has(error.code);
  return false;
}

/** How long to wait before attempt `attempt + 1`: capped exponential backoff with full jitter. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Seconds or an HTTP date, as RFC 9110 allows; capped by the policy. */
export function parseRetryAfterMs(value: string | undefined, policy: RetryPolicy, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(policy.maxDelayMs, Math.max(0, ms)) : undefined;
}

export interface RetryHooks {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Told before each wait, so long operations show progress. */
  readonly onRetry?: (error: Error, attempt: number, delayMs: number) => void;
}

/** Runs `call` until it succeeds, fails for good, or runs out of attempts; the last error is thrown. */
export async function withRetries<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const retryAfter = error instanceof AdminApiError ? error.retryAfterMs : undefined;
      const delay = retryAfter ?? backoffDelayMs(policy, attempt, hooks.random);
      hooks.onRetry?.(error as Error, attempt, delay);
      await sleep(delay);
    }
  }
}
