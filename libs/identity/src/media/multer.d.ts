/** The part of multer (shipped with @nestjs/platform-express, without types) that `POST /media` uses. */
declare module 'multer' {
  import type { RequestHandler } from 'express';

  interface MulterFile {
    fieldname: string;
    originalname: string;
    mimetype: string;
    size: number;
    buffer: Buffer;
  }

  interface Multer {
    single(field: string): RequestHandler;
  }

  interface MulterFactory {
    (options: {
      storage: unknown;
      limits?: { fileSize?: number; files?: number; fields?: number; parts?: number };
    }): Multer;
    memoryStorage(): unknown;
    MulterError: new (...args: unknown[]) => Error & { code: string };
  }

  const multer: MulterFactory;
  export default multer;
  export type { MulterFile };
}
