import { aftercareScripts } from './scripts-aftercare';
import { attendeeScripts } from './scripts-attendees';
import { eventScripts } from './scripts-events';
import { groupScripts } from './scripts-groups';
import { matchScripts } from './scripts-matches';
import { statsScripts } from './scripts-stats';
import { tickScripts } from './scripts-tick';

/**
 * The Lua scripts that make the Redis store's writes atomic. Each runs inside Redis as one
 * step, so two instances racing on the same attendee or match cannot both win.
 *
 * Conventions: a script reads the event's expiry (`exp` in the event hash) and PEXPIREATs every
 * key it may create, so all of an event's keys go away together.
 */
export const scripts = {
  ...eventScripts,
  ...attendeeScripts,
  ...matchScripts,
  ...groupScripts,
  ...tickScripts,
  ...aftercareScripts,
  ...statsScripts,
} as const;

export type ScriptName = keyof typeof scripts;
