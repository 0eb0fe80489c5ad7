import { JOIN_CODE_LENGTH, joinCodeProblem, type JoinCodeProblem } from '../../../shared/join-code';

/**
 * Where a typed join code leads: the event's page (`go`), or words for what is wrong with it
 * (`problem`), checked with the server's own rule before leaving the page. Null when nothing was
 * typed. Spaces and dashes are how people copy a code down, never part of it.
 */
export function codeOutcome(typed: string): { go: string } | { problem: string } | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  if (!code) return null;
  const problem = joinCodeProblem(code);
  return problem ? { problem: codeHint(problem) } : { go: `/e/${encodeURIComponent(code)}` };
}

/** The words for a code that cannot be a join code. */
function codeHint(problem: JoinCodeProblem): string {
  const check = 'Check the poster and try again.';
  if (problem.kind !== 'not_in_alphabet') return `Event codes have ${JOIN_CODE_LENGTH} characters. ${check}`;
  const chars = problem.chars.map((c) => `“${c}”`);
  const list = chars.length > 1 ? `${chars.slice(0, -1).join(', ')} or ${chars[chars.length - 1]}` : chars[0];
  return `Event codes never use ${list}. ${check}`;
}
