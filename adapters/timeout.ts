import { setMaxListeners } from 'node:events';

/**
 * A timeout for many requests at the price of one: every request that starts within the same
 * `windowMs` shares one abort signal, which fires `timeoutMs` after the window ends. A request
 * is thus cut off between `timeoutMs` and `timeoutMs + windowMs` after it started, and a process
 * sending thousands of Bot API calls a second makes one timer a second instead of one a call.
 */
export class SharedTimeout {
  private signal: AbortSignal | null = null;
  private windowEnds = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The signal for a request starting now. */
  current(): AbortSignal {
    const now = this.now();
    if (this.signal === null || now >= this.windowEnds) {
      this.windowEnds = now + this.windowMs;
      this.signal = AbortSignal.timeout(this.timeoutMs + this.windowMs);
      // every request of the window listens to it
      setMaxListeners(0, this.signal);
    }
    return this.signal;
  }
}

/** `fetch` with a timeout for every request that brings no signal of its own. */
export function withSharedTimeout(fetchImpl: typeof fetch, timeoutMs: number): typeof fetch {
  const timeout = new SharedTimeout(timeoutMs);
  return (input, init) => fetchImpl(input, init?.signal ? init : { ...init, signal: timeout.current() });
}
