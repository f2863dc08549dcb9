/**
 * The file of sendPhoto and sendDocument: it must be uploaded with the request (the emulator
 * issues no file_id that could be sent again), and a photo must decode and have Telegram's
 * dimensions. Each check throws the reference's Refusal. [B4]
 */
import { Refusal } from './refusal';
import type { Message } from './server';

/** A file part of a multipart request. */
export interface Upload {
  filename: string;
  contentType: string;
  data: Buffer;
}

export type FileField = 'photo' | 'document';

interface Size {
  width: number;
  height: number;
}

const MAX_PHOTO_BYTES = 10 * 2 ** 20;

/** The image's size from its header (PNG or JPEG); null when it does not decode as an image. */
export function imageSize(b: Buffer): Size | null {
  if (
    b.length >= 24 &&
    b.readUInt32BE(0) === 0x89504e47 &&
    b.readUInt32BE(4) === 0x0d0a1a0a &&
    b.toString('ascii', 12, 16) === 'IHDR'
  )
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1] ?? 0;
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xc3)
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + len;
    }
  }
  return null;
}

/** Telegram's rule for photos: width + height ≤ 10000 and a ratio of at most 20. [B4] */
export function photoDimensionsOk(w: number, h: number): boolean {
  return w > 0 && h > 0 && w + h <= 10000 && Math.max(w, h) / Math.min(w, h) <= 20;
}

/** The file uploaded in the field; a string there would be a file_id, and none was ever issued. */
export function uploadedFile(field: FileField, value: string | Upload | undefined): Upload {
  if (!value) throw new Refusal(400, `Bad Request: there is no ${field} in the request`);
  if (typeof value === 'string')
    throw new Refusal(
      400,
      'Bad Request: wrong remote file identifier specified: Wrong string length',
    );
  return value;
}

/** A photo's size, once it is within 10 MB, decodes as an image and has Telegram's dimensions. */
export function checkedPhotoSize(file: Upload): Size {
  if (file.data.length > MAX_PHOTO_BYTES) throw new Refusal(400, 'Bad Request: file is too big');
  const size = imageSize(file.data);
  if (!size) throw new Refusal(400, 'Bad Request: IMAGE_PROCESS_FAILED');
  if (!photoDimensionsOk(size.width, size.height))
    throw new Refusal(400, 'Bad Request: PHOTO_INVALID_DIMENSIONS');
  return size;
}

export function photoFields(file: Upload, size: Size, fileId: string): Pick<Message, 'photo'> {
  return {
    photo: [
      {
        file_id: `AgAC${fileId}`,
        file_unique_id: `AQAD${fileId}`,
        ...size,
        file_size: file.data.length,
      },
    ],
  };
}

export function documentFields(file: Upload, fileId: string): Pick<Message, 'document'> {
  return {
    document: {
      file_id: `BQAC${fileId}`,
      file_unique_id: `AgAD${fileId}`,
      file_name: file.filename,
      mime_type: file.contentType,
      file_size: file.data.length,
    },
  };
}
