/** `?producteur=<id>` for a person working for several producers, so that a link keeps the producer the page is about. */
export const producerSearch = (several: boolean, producerId: string, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams(several ? { producteur: producerId, ...extra } : extra);
  return params.size ? `?${params}` : '';
};
