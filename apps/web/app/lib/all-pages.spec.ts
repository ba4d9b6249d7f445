import { allPages, type ConnectionPage } from './all-pages';

/** A list of `count` numbers served `size` at a time, the cursor being the last number given. */
const served = (count: number, size: number) => {
  const asked: (string | null)[] = [];
  const page = async (after: string | null): Promise<ConnectionPage<number>> => {
    asked.push(after);
    const start = after === null ? 0 : Number(after);
    const nodes = Array.from({ length: Math.max(0, Math.min(size, count - start)) }, (_, index) => start + index + 1);
    return {
      pageInfo: { hasNextPage: start + size < count, endCursor: nodes.length ? String(nodes.at(-1)) : null },
      edges: nodes.map((node) => ({ node })),
    };
  };
  return { page, asked };
};

describe('allPages', () => {
  it('reads every page from the start, each from the previous one’s end', async () => {
    const list = served(250, 100);
    expect(await allPages(list.page)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(list.asked).toEqual([null, '100', '200']);
  });

  it('asks once for a list of one page or none', async () => {
    for (const count of [0, 40, 100]) {
      const list = served(count, 100);
      expect(await allPages(list.page)).toHaveLength(count);
      expect(list.asked).toEqual([null]);
    }
  });

  it('stops on a next page without a cursor rather than asking for the first page again', async () => {
    let calls = 0;
    const nodes = await allPages(async () => {
      calls += 1;
      return { pageInfo: { hasNextPage: true, endCursor: null }, edges: [{ node: 'a' }] };
    });
    expect(nodes).toEqual(['a']);
    expect(calls).toBe(1);
  });
});
