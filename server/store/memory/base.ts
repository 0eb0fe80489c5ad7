import { DEFAULT_EVENT_MS } from '../../../shared/event-length';
import type { EventRecord } from '../records';
import { DEFAULT_RETENTION_MS } from '../store';
import { RemovedMarks } from './removed';
import type { EventTables } from './tables';
import { TokenTable } from './tokens';


export interface MemoryStoreOptions {
  /** How long an event's data is kept after it ends. @default DEFAULT_RETENTION_MS (24 h) */
  retentionMs?: number;
  /** An event with no `endsAt` is taken to end this long after creation. @default DEFAULT_EVENT_MS (24 h) */
  defaultEventMs?: number;
}

/**
 * What the memory store holds, for the modules beside this file that change it (events.ts,
 * attendees.ts, removed.ts, aftercare.ts): its tables are theirs, not its callers'. Every change
 * ends in `changed`, which tells `onChange`.
 */
export class MemoryState {
  /** Called after every change, e.g. to schedule a snapshot. */
  onChange: () => void = () => {};
  readonly events = new Map<string, EventTables>();
  /** Join code -> event id. */
  readonly codes = new Map<string, string>();
  readonly tokens = new TokenTable();
  readonly removed = new RemovedMarks();

  constructor(protected readonly options: MemoryStoreOptions = {}) {}

  /** When an event's data is deleted: its end (planned, or taken) plus the retention period. */
  deletesAt(event: Pick<EventRecord, 'endsAt' | 'createdAt'>) {
    return (event.endsAt ?? event.createdAt + this.lifetimeMs()) + (this.options.retentionMs ?? DEFAULT_RETENTION_MS);
  }

  /** How long an event with no `endsAt` is taken to last. */
  lifetimeMs(): number {
    return this.options.defaultEventMs ?? DEFAULT_EVENT_MS;
  }

  /** Tells `onChange`, and hands back `result`. */
  changed<T>(result: T): T {
    this.onChange();
    return result;
  }
}
