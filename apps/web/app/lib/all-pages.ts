/** A page of a Relay connection, as far as reading it to its end needs. */
export interface ConnectionPage<Node> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: readonly { node: Node }[];
}

/**
 * Every item of a paged list: `page(null)`, then `page(endCursor)` while there is a next page. For a page that must
 * be complete for what it shows (a day's preparation sheet, the days to prepare), not the first page of the API's.
 */
export async function allPages<Node>(page: (after: string | null) => Promise<ConnectionPage<Node>>): Promise<Node[]> {
  const all: Node[] = [];
  for (let after: string | null = null, more = true; more;) {
    const { pageInfo, edges }: ConnectionPage<Node> = await page(after);
    all.push(...edges.map((edge) => edge.node));
    after = pageInfo.endCursor ?? null;
    more = pageInfo.hasNextPage && after !== null;
  }
  return all;
}
