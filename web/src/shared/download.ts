import { fetchRaw } from './http';

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) {
    return fallback;
  }
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      return fallback;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Downloads a file through fetch, so an error (expired session, no permission) comes back as a message. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetchRaw(path, { headers: { Accept: '*/*' } });
  saveBlob(await response.blob(), filenameFrom(response.headers.get('content-disposition'), fallbackName));
}

/** Saves what the page already holds (a list it was given) as a file. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
