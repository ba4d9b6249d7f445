import { redirect } from 'react-router';
import type { Route } from './+types/sign-out';
import { endSession, sessionOf } from '../lib/session.server';

/** POST only: signing out changes state, so it is a form (protected against cross-site posts), never a link. */
export async function action({ context }: Route.ActionArgs) {
  await endSession(sessionOf(context));
  throw redirect('/');
}

export const loader = () => redirect('/');
