import { index, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('produits', 'routes/products.tsx'),
  route('produits/:id', 'routes/product.tsx'),
  route('marques/:slug', 'routes/brand.tsx'),
  route('panier', 'routes/cart.tsx'),
  route('commande', 'routes/checkout.tsx'),
  route('commandes', 'routes/orders.tsx'),
  route('commandes/:id', 'routes/order.tsx'),
  route('commandes/:id/paiement', 'routes/payment.tsx'),
  route('commandes/:id/factures/:invoiceId', 'routes/invoice-pdf.ts'),
  route('producteur', 'routes/producer/orders.tsx'),
  route('producteur/paiements', 'routes/producer/payouts.tsx'),
  route('connexion', 'routes/sign-in.tsx'),
  route('inscription', 'routes/sign-up.tsx'),
  route('deconnexion', 'routes/sign-out.ts'),
  route('communes.json', 'routes/communes.ts'),
  route('sitemap.xml', 'routes/sitemap.ts'),
  route('robots.txt', 'routes/robots.ts'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
