/**
 * Whether a link names this machine's loopback (localhost, 127.x, ::1): a phone that opens it
 * reaches itself, not Mingle. Used by the server's start-up warning and the dashboard's.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host);
}
