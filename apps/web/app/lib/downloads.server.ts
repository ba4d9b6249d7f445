import { apiUrl, type ApiCaller } from './api.server';

/** The API's origin, where its download links are relative to. */
const apiOrigin = (): string => new URL(apiUrl()).origin;

/** The headers of a file download passed on to the browser. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition'];

/**
 * GETs a file the API serves to the bearer of a token (an invoice's `pdfUrl`, an export's `downloadUrl`) and answers
 * it to the browser as it comes, streamed, with its type and file name; never cached. An API path only: a URL on
 * another host is refused (the caller's token must not leave for it). Null when the API answers anything but 200.
 */
export async function fetchApiFile(caller: ApiCaller, path: string, fallbackName: string): Promise<Response | null> {
  const url = new URL(path, apiOrigin());
  if (url.origin !== apiOrigin()) throw new Error(`Refusing to send the caller's token to ${url.origin}`);
  const headers: Record<string, string> = {};
  if (caller.accessToken) headers.authorization = `Bearer ${caller.accessToken}`;
  if (caller.clientIp) headers['x-forwarded-for'] = caller.clientIp;
  if (caller.requestId) headers['x-request-id'] = caller.requestId;
  const upstream = await fetch(url, { headers });
  if (upstream.status !== 200 || !upstream.body) {
    await upstream.body?.cancel();
    return null;
  }
  const answer = new Headers({ 'cache-control': 'private, no-store' });
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) answer.set(name, value);
  }
  if (!answer.has('content-disposition')) answer.set('content-disposition', `attachment; filename="${fallbackName}"`);
  return new Response(upstream.body, { status: 200, headers: answer });
}
