import type { WireError } from '../../../shared/errors';
import { ApiError } from './api';

/**
 * Downloads a file only the token's holder may see (an organiser's export, an attendee's
 * contacts). A plain link cannot carry the `Authorization` header, and a token must not go in a
 * URL, so this fetches with the header and saves the body as a blob.
 */
export async function downloadWithToken(path: string, token: string, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new ApiError('NETWORK', "Can't reach Mingle right now. Check the connection and try again.");
  }
  if (!res.ok) {
    const error = ((await res.json().catch(() => null)) as { error?: WireError } | null)?.error;
    throw new ApiError(error?.code ?? 'INTERNAL', error?.message ?? `Download failed (${res.status}).`, res.status);
  }
  saveBlob(await res.blob(), filename);
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the object URL only needs to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `Friday Tech Social` -> `friday-tech-social`, `Münster` -> `munster`, for file names. */
export function slug(name: string, fallback = 'event'): string {
  return (
    name
      .normalize('NFKD')
      // The accents NFKD took off their letters: left in, each would split its word with a dash.
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback
  );
}
