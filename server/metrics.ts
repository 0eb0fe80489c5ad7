import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }
}
