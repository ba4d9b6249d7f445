import request from 'supertest';

/**
 * A file's bytes over HTTP, whatever supertest thinks of its content type (a PDF, a Factur-X, a CSV or an XLSX), with
 * the caller's access token when there is one.
 */
export function downloadBytes(server: Parameters<typeof request>[0], path: string, accessToken?: string | null) {
  const req = request(server)
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return accessToken ? req.set('authorization', `Bearer ${accessToken}`) : req;
}
