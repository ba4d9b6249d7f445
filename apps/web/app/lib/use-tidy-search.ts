import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';

/**
 * A search form's submit handler: without JavaScript the form is a plain GET; with it, the same search goes to the
 * address `hrefOf` makes of the form's fields — without its empty ones, a tidy address to share.
 */
export function useTidySearch(hrefOf: (params: URLSearchParams) => string) {
  const navigate = useNavigate();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget))
      if (typeof value === 'string') params.append(name, value);
    void navigate(hrefOf(params));
  };
}
