import { isLoopbackUrl } from '../../../shared/loopback';

/** The warning sign drawn before {@link localhostWarning}'s words, hidden from screen readers. */
export const LOCALHOST_ICON = '⚠️';

/**
 * What to tell an organiser whose join link names localhost (the server started without
 * PUBLIC_URL, on a machine with no local-network address it could offer): phones cannot open
 * it (without its icon, {@link LOCALHOST_ICON}). Empty for any other link.
 */
export function localhostWarning(joinUrl: string): string {
  return isLoopbackUrl(joinUrl)
    ? "This link points at this computer (localhost): phones can't open it. Restart Mingle with PUBLIC_URL set to this laptop's address on the venue's Wi-Fi, for example PUBLIC_URL=http://192.168.1.20:3000."
    : '';
}
