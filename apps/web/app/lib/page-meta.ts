import type { MetaDescriptor } from 'react-router';

/** What a public page says of itself to search engines and link previews: title, description, canonical URL, Open Graph. */
export function shareableMeta(page: {
  title: string;
  description: string;
  canonical: string;
  ogTitle: string;
  ogType: 'website' | 'product';
}): MetaDescriptor[] {
  return [
    { title: page.title },
    { name: 'description', content: page.description },
    { tagName: 'link', rel: 'canonical', href: page.canonical },
    { property: 'og:title', content: page.ogTitle },
    { property: 'og:description', content: page.description },
    { property: 'og:type', content: page.ogType },
    { property: 'og:url', content: page.canonical },
    { property: 'og:site_name', content: 'Ancrage' },
    { property: 'og:locale', content: 'fr_FR' },
  ];
}
