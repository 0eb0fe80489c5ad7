import type { ReportReason } from '../../../shared/schemas';

/**
 * The reasons a phone can give for a report, in the words the phone and the dashboard show.
 * Typed against the server's enum, so a new reason there fails the build here.
 */
export const REPORT_REASONS: Record<ReportReason, string> = {
  harassment: 'Harassment or threats',
  inappropriate: 'Inappropriate behaviour',
  made_uncomfortable: 'Made me uncomfortable',
  spam: 'Selling or spamming',
  other: 'Something else',
};

/** The label of a reason as the dashboard receives it (a plain string), or the string itself. */
export function reasonLabel(reason: string): string {
  return (REPORT_REASONS as Record<string, string>)[reason] ?? reason;
}
