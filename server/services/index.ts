import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Store } from '../store/store';
import { AftercareService } from './aftercare';
import { AttendeeService } from './attendees';
import { EventService } from './events';
import { MatchService } from './matches';
import type { Notifier } from './notifier';
import { OrganiserService } from './organiser';
import { MatchTicker } from './ticker';
import { WaitingBoard } from './waiting';

export interface ServiceDeps {
  config: Config;
  store: Store;
  notifier: Notifier;
  logger: Logger;
  metrics: Metrics;
  now: () => number;
}

/** The services both transports call, wired together once. */
export function createServices({ config, store, notifier, logger, metrics, now }: ServiceDeps) {
  const events = new EventService({ store, notifier, publicUrl: () => config.publicUrl, now });
  const attendees = new AttendeeService({ store, notifier, now, maxAttendeesPerEvent: config.maxAttendeesPerEvent });
  const waiting = new WaitingBoard();
  const matches = new MatchService({ store, notifier, attendees, now, waiting, logger });
  const ticker = new MatchTicker({
    store,
    notifier,
    attendees,
    matches,
    logger,
    now,
    metrics,
    waiting,
    intervalMs: config.matchIntervalMs,
    matchTimeoutMs: config.matchTimeoutMs,
    instanceId: config.instanceId,
  });
  const organisers = new OrganiserService({
    store,
    notifier,
    events,
    attendees,
    matches,
    now,
    isOnline: (a) => ticker.isConnected(a, now()),
  });
  const aftercare = new AftercareService({ store, notifier, attendees, matches, now });
  return { events, attendees, matches, organisers, aftercare, ticker, waiting };
}

export type Services = ReturnType<typeof createServices>;
