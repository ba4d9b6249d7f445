import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-code';
import { formatGraphqlError, INTERNAL_ERROR_MESSAGE } from './graphql-error-format';

const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });
const format = (error: GraphQLError) => formatGraphqlError(error.toJSON(), error);

describe('formatGraphqlError', () => {
  it('keeps the code, message and details of an expected failure', () => {
    const error = wrap(new AppError(ErrorCode.OUT_OF_STOCK, 'Only 2 left.', { productId: 'p1', available: 2 }));
    expect(format(error)).toEqual({
      message: 'Only 2 left.',
      path: ['field'],
      extensions: { code: 'OUT_OF_STOCK', productId: 'p1', available: 2 },
    });
  });

  it('names the field of a bad input', () => {
    expect(format(wrap(AppError.badInput('siret', 'The SIRET is invalid.'))).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'siret',
    });
  });

  it('masks an unexpected error: no message, no stack, no SQL', () => {
    const sqlError = Object.assign(new Error('insert into "user" violates constraint "user_email_unique"'), {
      code: '23505',
      detail: 'Key (email)=(a@b.c) already exists.',
    });
    const formatted = format(wrap(sqlError));
    expect(formatted).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/constraint|stack|already exists/);
  });

  it.each([
    [
      'a lock wait PostgreSQL gave up (55P03)',
      Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }),
    ],
    ['a deadlock victim', new DeadlockException(Object.assign(new Error('deadlock detected'), { code: '40P01' }))],
    ['a locked SQLite database', new LockWaitTimeoutException(new Error('SQLITE_BUSY: database is locked'))],
  ])('answers %s as a retryable CONFLICT, with no SQL', (_, original) => {
    expect(format(wrap(original))).toEqual({
      message: expect.stringMatching(/another request/),
      path: ['field'],
      extensions: { code: 'CONFLICT', reason: 'BUSY', retryable: true },
    });
  });

  it('masks an error that merely claims a contract code from a library', () => {
    const error = new GraphQLError('boom', { originalError: new Error('boom'), extensions: { code: 'FORBIDDEN' } });
    expect(format(error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it.each(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'])(
    'maps the document error %s to BAD_USER_INPUT and keeps its message',
    (code) => {
      const error = new GraphQLError('Cannot query field "x" on type "Query".', { extensions: { code } });
      expect(format(error)).toEqual({
        message: 'Cannot query field "x" on type "Query".',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    },
  );

  it('maps Nest HTTP exceptions from guards to the contract codes', () => {
    expect(format(wrap(new UnauthorizedException('Sign in first.'))).extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(format(wrap(new ForbiddenException())).extensions).toEqual({ code: 'FORBIDDEN' });
  });
});
