import { NotFoundException, StreamableFile, UnauthorizedException } from '@nestjs/common';
import type { AuthUser, BearerUser } from '@app/identity';
import { AppError, ErrorCode } from '@app/platform';

/** What a download handler reads of its request. */
export interface DownloadRequest {
  authorization: string | undefined;
  ip: string;
  res: { setHeader(name: string, value: string): unknown };
}

/**
 * A file of an invoice or a credit note (its PDF, its Factur-X), for the parties only, answered the same way for
 * every such download: 401 with `WWW-Authenticate` without a valid bearer token; 404 for a document that does not
 * exist and for one the caller is no party to (the same answer, so ids reveal nothing); the file as an attachment
 * otherwise (the route sets `Cache-Control: private, no-store`).
 */
export async function downloadForParties<Document>(
  bearer: BearerUser,
  request: DownloadRequest,
  what: string,
  find: (user: AuthUser) => Promise<Document>,
  file: (document: Document) => Promise<{ bytes: Buffer; name: string }>,
): Promise<StreamableFile> {
  const user = await bearer.of(request.authorization, request.ip);
  if (!user) {
    request.res.setHeader('WWW-Authenticate', 'Bearer');
    throw new UnauthorizedException(`Sign in to download this ${what}.`);
  }
  const document = await find(user).catch((error: unknown) => {
    throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND
      ? new NotFoundException(error.message)
      : error;
  });
  const { bytes, name } = await file(document);
  return new StreamableFile(bytes, {
    type: 'application/pdf',
    disposition: `attachment; filename="${name}"`,
    length: bytes.length,
  });
}
