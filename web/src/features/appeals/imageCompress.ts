/** Limits of the submission (SubmitAppealBody): at most 9 photos of at most 3 MB each. */
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 3 * 1024 * 1024;
const MAX_EDGE = 1600;

export interface CompressedPhoto {
  blob: Blob;
  dataBase64: string;
  width: number;
  height: number;
}

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('无法读取这张照片，请换一张试试'));
    };
    image.src = url;
  });
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('照片处理失败，请换一张试试'))), 'image/jpeg', quality);
  });
}

export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result);
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('照片读取失败，请换一张试试'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Shrinks a phone photo on the phone: longest edge at most 1600 px, re-encoded as JPEG, lowering the
 * quality (then the size) until it fits in 3 MB. A 12-megapixel photo usually ends near 300–600 KB,
 * which is what matters on a slow mobile connection. Browsers apply the EXIF rotation when drawing.
 */
export async function compressImage(file: File): Promise<CompressedPhoto> {
  const image = await loadImage(file);
  let scale = Math.min(1, MAX_EDGE / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) {
    throw new Error('您的浏览器无法处理照片，请更换浏览器后重试');
  }
  for (let attempt = 0; attempt < 6; attempt += 1) {
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    // JPEG has no transparency: paint white first so transparent PNGs don't turn black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.85, 0.72, 0.6]) {
      const blob = await toJpeg(canvas, quality);
      if (blob.size <= MAX_PHOTO_BYTES) {
        return { blob, dataBase64: await blobToBase64(blob), width: canvas.width, height: canvas.height };
      }
    }
    scale *= 0.75;
  }
  throw new Error('照片太大，请换一张试试');
}
