import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions: Record<string, unknown> & { code: string } }[];
  headers: Record<string, string>;
}

/** Posts one GraphQL operation to the running application, as a client would. */
export async function graphql<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set(headers);
  if (token) req.set('authorization', `Bearer ${token}`);
  const response = await req.send({ query, variables });
  return { status: response.status, ...response.body, headers: response.headers };
}
