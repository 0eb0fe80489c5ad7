/**
 * Words finished as a sentence: a full stop, unless they end with one of their own already
 * ("Took my cap off!", "Tall, red cap.", "Wait…", or one inside closing quotes or brackets), where
 * a second would read as a typo of ours ("red cap.."). Trailing spaces go first. For words written
 * elsewhere that close a sentence of ours: a person's typed "how to spot me" on the phone, zod's
 * and Fastify's messages on the server.
 */
export function sentence(words: string): string {
  const trimmed = words.trimEnd();
  return /[.!?…]["'”’)\]\u2069]*$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}
