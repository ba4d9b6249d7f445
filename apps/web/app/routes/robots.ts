export function loader({ request }: { request: Request }) {
  const origin = new URL(request.url).origin;
  const body = `User-agent: *\nDisallow: /panier\nDisallow: /commande\nDisallow: /commandes\nSitemap: ${origin}/sitemap.xml\n`;
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
