import { data } from 'react-router';

/** Every path no page answers: the root's error page, with a 404. */
export function loader() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
