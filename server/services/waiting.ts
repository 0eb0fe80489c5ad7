import type { Waiting } from '../../shared/schemas';

/**
 * The latest wait hint per event, as this instance's ticker last worked it out. A phone that
 * starts looking gets it at once instead of waiting for the count to change.
 */
export class WaitingBoard {
  private readonly latest = new Map<string, Waiting>();

  /** Records a new hint; true if it differs from the last one (and so is worth broadcasting). */
  set(eventId: string, waiting: Waiting): boolean {
    const last = this.latest.get(eventId);
    if (last && last.looking === waiting.looking && last.estimateMs === waiting.estimateMs) return false;
    this.latest.set(eventId, waiting);
    return true;
  }

  /** The hint for someone who just started looking, with the count fresh from the store. */
  forNewcomer(eventId: string, looking: number): Waiting {
    return { looking, estimateMs: this.latest.get(eventId)?.estimateMs ?? null };
  }

  forget(eventId: string) {
    this.latest.delete(eventId);
  }
}
