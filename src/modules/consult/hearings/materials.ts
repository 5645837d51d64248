import { fileTypeFromBuffer } from 'file-type';
import { badRequest } from '../../../core/errors';
import { MAX_MATERIAL_BYTES } from './schemas';

/**
 * The kinds of material a hearing publishes, by the type read from the file's bytes (magic numbers)
 * and the extensions a file of that type may carry (ASVS 5.2.2). Old Word files are OLE containers,
 * which Excel and installers share, so a container passes only with a .doc name.
 */
const ACCEPTED: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/x-cfb': ['doc'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
};

/** What a download is served as; the OLE container's own type means nothing to a browser. */
const SERVED_AS: Record<string, string> = { 'application/x-cfb': 'application/msword' };

export interface CheckedMaterial {
  name: string;
  mime: string;
  bytes: Buffer;
}

const extensionOf = (name: string) => name.split('.').pop()?.toLowerCase() ?? '';

export async function checkMaterial(name: string, dataBase64: string): Promise<CheckedMaterial> {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_MATERIAL_BYTES) {
    throw badRequest('INVALID_MATERIAL', `文件为空或超过 ${MAX_MATERIAL_BYTES / 1024 / 1024}MB`, 'body.dataBase64');
  }
  const type = await fileTypeFromBuffer(bytes);
  const extensions = type ? ACCEPTED[type.mime] : undefined;
  if (!type || !extensions) {
    throw badRequest('INVALID_MATERIAL', '只能上传 PDF、Word（doc、docx）或图片（JPEG、PNG、WebP）', 'body.dataBase64');
  }
  if (!extensions.includes(extensionOf(name))) {
    throw badRequest(
      'MATERIAL_NAME_MISMATCH',
      `文件内容是 ${extensions[0].toUpperCase()}，文件名的扩展名应为 .${extensions[0]}`,
      'body.name',
    );
  }
  return { name, mime: SERVED_AS[type.mime] ?? type.mime, bytes };
}

/**
 * Content-Disposition for a download (ASVS 5.4.1): always an attachment, the name in ASCII for old
 * clients and in full as RFC 5987 UTF-8.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
