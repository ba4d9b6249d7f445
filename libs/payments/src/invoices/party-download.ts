import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  Get,
  Header,
  NotFoundException,
  StreamableFile,
  UnauthorizedException,
} from '@nestjs/common';
import type { AuthUser, BearerUser } from '@app/identity';
import { AppError, ErrorCode } from '@app/platform';

/** What a download handler reads of its request: the document's id (`:id`), the bearer token, the client's address. */
export interface DownloadRequest {
  id: string;
  authorization: string | undefined;
  ip: string;
  res: { setHeader(name: string, value: string): unknown };
}

/**
 * The route of a party download, `GET <controller>/:id/<file>`: never cached by a shared cache nor stored.
 * Its handler takes the request with `@PartyDownloadRequest()`.
 */
export const PartyDownloadRoute = (file: string) =>
  applyDecorators(Get(`:id/${file}`), Header('Cache-Control', 'private, no-store'));

/** The `DownloadRequest` of a `PartyDownloadRoute`, read from Express's request and response. */
export const PartyDownloadRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): DownloadRequest => {
    const http = context.switchToHttp();
    const request = http.getRequest<{ params: { id: string }; headers: { authorization?: string }; ip: string }>();
    return {
      id: request.params.id,
      authorization: request.headers.authorization,
      ip: request.ip,
      res: http.getResponse<DownloadRequest['res']>(),
    };
  },
);

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
  find: (user: AuthUser, id: string) => Promise<Document>,
  file: (document: Document) => Promise<{ bytes: Buffer; name: string }>,
): Promise<StreamableFile> {
  const user = await bearer.of(request.authorization, request.ip);
  if (!user) {
    request.res.setHeader('WWW-Authenticate', 'Bearer');
    throw new UnauthorizedException(`Sign in to download this ${what}.`);
  }
  const document = await find(user, request.id).catch((error: unknown) => {
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
