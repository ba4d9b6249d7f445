import type { APIRequestContext } from '@playwright/test';

/** A GraphQL call to the file's server, as an API client would make it (for test set-up, never for assertions on pages). */
export async function graphqlCall<T>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  accessToken?: string,
): Promise<T> {
  const response = await request.post('/graphql', {
    data: { query, variables },
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function apiLogin(request: APIRequestContext, email: string, password: string): Promise<string> {
  const { login } = await graphqlCall<{ login: { accessToken: string } }>(
    request,
    'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
    { input: { email, password } },
  );
  return login.accessToken;
}

/**
 * The first day a buyer may choose with a delivery option (the demo's van and pickup options deliver on set days),
 * or null for an option without delivery days: what `placeOrder` needs in `deliveries[].deliveryDate`.
 */
export async function firstDeliveryDate(request: APIRequestContext, deliveryOptionId: string): Promise<string | null> {
  const { nextDeliveryDates } = await graphqlCall<{ nextDeliveryDates: string[] }>(
    request,
    'query ($id: ID!) { nextDeliveryDates(deliveryOptionId: $id, first: 1) }',
    { id: deliveryOptionId },
  );
  return nextDeliveryDates[0] ?? null;
}
