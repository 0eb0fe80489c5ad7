import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * How often the event-loop delay is sampled (ms). Node's histogram records the time between two
 * samples, so its figures include this interval: an idle process reads about 20 ms, not 0.
 * Subtract it (`delayBeyondSample`) to get how late the loop actually was.
 */
export const EVENT_LOOP_SAMPLE_MS = 20;

/** A figure of Node's event-loop delay histogram (ms) minus the sampling interval: the delay itself. */
export const delayBeyondSample = (ms: number): number => Math.max(0, ms - EVENT_LOOP_SAMPLE_MS);

/**
 * Prometheus metrics of one app instance, in a registry of its own (several apps can live in
 * one test process). Default Node metrics include `nodejs_eventloop_lag_seconds`.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'mingle_connections', help: 'Open attendee connections on this instance', registers: [this.registry] });
  readonly matches = new Counter({ name: 'mingle_matches_total', help: 'Matches formed by this instance (pairs and new groups)', registers: [this.registry] });
  readonly joins = new Counter({ name: 'mingle_group_joins_total', help: 'Seekers sent to join a trio or open circle', registers: [this.registry] });
  readonly timeToMatch = new Histogram({
    name: 'mingle_time_to_match_seconds',
    help: 'From "find" to a match',
    buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({ name: 'mingle_store_errors_total', help: 'Requests that failed because the store was unavailable', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  }
}
