/** The largest .txt file read in; a long article with its page clutter is well under it. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

/**
 * A .txt file's text. Files saved on Chinese Windows are often GBK rather than UTF-8, and Notepad's
 * "Unicode" is UTF-16 with a byte-order mark; strict UTF-8 decoding tells the first two apart.
 */
export async function readTextFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes);
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}
