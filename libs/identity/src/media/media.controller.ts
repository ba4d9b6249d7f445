import { Controller, Get, Headers, Inject, Ip, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { type MulterFile } from 'multer';
import { AppError, ErrorCode } from '@app/platform';
import { BearerUser } from '../auth/bearer-user';
import { MEDIA_MAX_BYTES } from './image-processing';
import { MediaService, mediaUrl } from './media.service';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

/** The error as GraphQL would carry it, so that clients read one shape: `{ errors: [{ message, extensions: { code, field } }] }`. */
function sendError(res: Response, error: AppError) {
  res
    .status(STATUS[error.code] ?? 400)
    .json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
}

/** One file of at most 8 MB (and a byte more, so that a larger one is told apart), held in memory, never on disk. */
const readUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MEDIA_MAX_BYTES + 1, files: 1, fields: 4, parts: 6 },
}).single('file');

/**
 * `POST /media` (multipart: `organizationId`, `file`), for a member of that producer, with its access token: the
 * picture checked and re-encoded (see image-processing.ts), answered `201 { id, url, widths, width, height }`.
 * `GET /media/<id>/<width>.webp`: the files, public and immutable, cached for a year.
 */
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    @Inject(BearerUser) private readonly bearer: BearerUser,
  ) {}

  @Post()
  async upload(
    @Req() req: Request,
    @Res() res: Response,
    @Headers('authorization') authorization: string | undefined,
    @Ip() ip: string,
  ): Promise<void> {
    const user = await this.bearer.of(authorization, ip);
    if (!user) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(res, new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to upload a picture.'));
    }
    try {
      await new Promise<void>((resolve, reject) =>
        readUpload(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      const tooLarge = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE';
      return sendError(
        res,
        AppError.badInput(
          'file',
          tooLarge ? 'The picture must be at most 8 MB.' : 'Send one picture in the multipart field "file".',
        ),
      );
    }
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const media = await this.media.upload(
        user,
        typeof body.organizationId === 'string' ? body.organizationId : undefined,
        (req as Request & { file?: MulterFile }).file?.buffer,
      );
      res
        .status(201)
        .json({ id: media.id, url: mediaUrl(media), widths: media.widths, width: media.width, height: media.height });
    } catch (error) {
      if (error instanceof AppError) return sendError(res, error);
      throw error;
    }
  }

  @Get(':id/:file')
  serve(@Param('id') id: string, @Param('file') file: string, @Res() res: Response): void {
    const path = this.media.fileOf(id, file);
    if (!path) {
      res.status(404).end();
      return;
    }
    res.sendFile(
      path,
      {
        maxAge: '365d',
        immutable: true,
        headers: { 'Content-Type': 'image/webp', 'X-Content-Type-Options': 'nosniff' },
      },
      (error) => {
        if (error && !res.headersSent) res.status(404).end();
      },
    );
  }
}
