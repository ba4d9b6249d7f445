import { createContext, type MiddlewareFunction, type RouterContextProvider } from 'react-router';
import { graphql } from '../graphql';
import { ApiError, apiMutation, type ApiCaller } from './api.server';
import { clearCookie, readCookie, serializeCookie } from './cookies.server';

/** Cookie names: the refresh token (30 days, rotated) and the access token (shorter than its 15-minute JWT). */
const REFRESH_COOKIE = 'ancrage_refresh';
const ACCESS_COOKIE = 'ancrage_access';
const REFRESH_MAX_AGE_S = 30 * 24 * 3600;
const ACCESS_MAX_AGE_S = 14 * 60;
/** Set by the server in front of the pages (apps/web/server/mount-web.ts), never trusted from the client. */
const CLIENT_IP_HEADER = 'x-ancrage-client-ip';

export interface WebSession {
  /** Who calls the API for this request: the client's address, the request id and the access token, if any. */
  caller: ApiCaller;
  refreshToken: string | null;
  /** Cookies the response must set (a refreshed or a new session, or a cleared one). */
  setCookies: string[];
}

export const sessionContext = createContext<WebSession>();

export const sessionOf = (context: Readonly<RouterContextProvider>): WebSession => context.get(sessionContext);
export const callerOf = (context: Readonly<RouterContextProvider>): ApiCaller => sessionOf(context).caller;
export const isSignedIn = (context: Readonly<RouterContextProvider>): boolean => Boolean(callerOf(context).accessToken);

const REFRESH_SESSION = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
    }
  }
`);

const LOGOUT = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

/** Starts a session: both tokens in httpOnly cookies, never readable by a script. */
export function startSession(session: WebSession, tokens: { accessToken: string; refreshToken: string }): void {
  session.caller.accessToken = tokens.accessToken;
  session.refreshToken = tokens.refreshToken;
  session.setCookies.push(
    serializeCookie(ACCESS_COOKIE, tokens.accessToken, ACCESS_MAX_AGE_S),
    serializeCookie(REFRESH_COOKIE, tokens.refreshToken, REFRESH_MAX_AGE_S),
  );
}

function dropSession(session: WebSession): void {
  session.caller.accessToken = null;
  session.refreshToken = null;
  session.setCookies.push(clearCookie(ACCESS_COOKIE), clearCookie(REFRESH_COOKIE));
}

/** Signs out: the API revokes the refresh token's family, the cookies are cleared. */
export async function endSession(session: WebSession): Promise<void> {
  if (session.caller.accessToken && session.refreshToken) {
    await apiMutation(session.caller, LOGOUT, { refreshToken: session.refreshToken }).catch(() => false);
  }
  dropSession(session);
}

/**
 * Runs once per request, before every loader and action: reads the session cookies and, when the access token has
 * expired, spends the refresh token once (loaders running side by side must not spend it twice: that would revoke
 * the family as a stolen token).
 */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const session: WebSession = {
    caller: {
      clientIp: request.headers.get(CLIENT_IP_HEADER),
      requestId: request.headers.get('x-request-id'),
      accessToken: readCookie(request, ACCESS_COOKIE),
    },
    refreshToken: readCookie(request, REFRESH_COOKIE),
    setCookies: [],
  };
  if (!session.caller.accessToken && session.refreshToken) {
    try {
      const { refreshSession } = await apiMutation(session.caller, REFRESH_SESSION, {
        refreshToken: session.refreshToken,
      });
      startSession(session, refreshSession);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      dropSession(session);
    }
  }
  context.set(sessionContext, session);
  const response = await next();
  for (const cookie of session.setCookies) response.headers.append('Set-Cookie', cookie);
  return response;
};
