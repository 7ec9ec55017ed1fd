import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
  /** chats whose actors this process keeps alive */
  liveActors: () => number;
  /** updates stored in the chats' inboxes and not yet finished (all processes) */
  inboxPending: () => Promise<number>;
}

let processMetrics: Registry | undefined;

/**
 * Node's process metrics (CPU, memory, event loop lag, GC…), collected once per process however
 * many bots it runs (each collection starts samplers that are never stopped).
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/** The backend's paths with their ids replaced, so that a label does not grow with the data. */
export function endpointOf(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/:id');
}

/**
 * The bot's Prometheus metrics, in a registry of its own (one per bot, so that several bots in
 * one test process do not mix), served at /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly updates: Counter<'kind'>;
  readonly updateSeconds: Histogram<'kind'>;
  readonly errors: Counter<'kind'>;
  readonly backendSeconds: Histogram<'endpoint' | 'method' | 'status'>;
  readonly telegramFailures: Counter<'method' | 'code'>;
  readonly lockWaits: Counter;

  private readonly withProcess: boolean;

  constructor(sources: MetricSources, options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.withProcess = options.defaultMetrics ?? true;
    this.updates = new Counter({ name: 'bimuz_updates_total', help: 'Updates received from Telegram, by kind', labelNames: ['kind'], registers });
    this.updateSeconds = new Histogram({
      name: 'bimuz_update_duration_seconds',
      help: 'Time to process one update (machines, backend calls and Telegram calls), by kind',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new Counter({ name: 'bimuz_errors_total', help: 'Failures, by kind', labelNames: ['kind'], registers });
    this.backendSeconds = new Histogram({
      name: 'bimuz_backend_request_duration_seconds',
      help: 'Backend requests by endpoint, method and status (network: no answer), with their durations',
      labelNames: ['endpoint', 'method', 'status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers,
    });
    this.telegramFailures = new Counter({
      name: 'bimuz_telegram_failures_total',
      help: 'Bot API calls that failed (each attempt), by method and error code (network: no answer)',
      labelNames: ['method', 'code'],
      registers,
    });
    this.lockWaits = new Counter({
      name: 'bimuz_chat_lock_waits_total',
      help: "Updates that found their chat's lock taken and waited in the inbox behind the update being processed",
      registers,
    });
    new Gauge({
      name: 'bimuz_live_actors',
      help: "Chats whose actors this process keeps alive between updates",
      registers,
      collect() {
        this.set(sources.liveActors());
      },
    });
    new Gauge({
      name: 'bimuz_inbox_pending',
      help: 'Updates stored in the chats\' inboxes and not yet processed, all processes (read from Redis at each scrape; -1 when Redis does not answer)',
      registers,
      async collect() {
        this.set(await sources.inboxPending().catch(() => -1));
      },
    });
  }

  /** The text served at /metrics: the process's metrics, then the bot's. */
  async text(): Promise<string> {
    const bot = await this.registry.metrics();
    return this.withProcess ? `${await processRegistry().metrics()}\n${bot}` : bot;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** A fetch for the Bot API that counts failed calls. */
  countTelegramFailures(fetchImpl: typeof fetch): typeof fetch {
    const failed = (input: Parameters<typeof fetch>[0], code: string) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      this.telegramFailures.inc({ method: url.slice(url.lastIndexOf('/') + 1) || 'unknown', code });
    };
    // no async function of its own: the call's promise is passed on as it is when it succeeds
    return (input, init) =>
      fetchImpl(input, init).then(
        (response) => {
          if (!response.ok) failed(input, String(response.status));
          return response;
        },
        (error: unknown) => {
          // no answer: aborted (a timeout, or the long poll ended at shutdown) or a network failure
          failed(input, init?.signal?.aborted ? 'aborted' : 'network');
          throw error;
        },
      );
  }
}
