import { z } from 'zod';

/** An id in a payload (an attendee's, a match's): the server made it, so it is short and plain. */
export const id = z.string().min(1).max(64);
