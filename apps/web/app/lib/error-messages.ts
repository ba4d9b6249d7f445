import { APPROVAL_STATUS_LABELS, STATUS_LABELS } from './format';

/**
 * The API answers its errors in English (PRODUCT.md fixes their codes and fields, not their wording); the pages
 * speak French. A message is chosen by code and field, most specific first; an error this table does not know keeps
 * the API's own message, which is still clear, rather than a vague French one.
 */
const BY_FIELD: Record<string, string> = {
  email: 'Saisissez une adresse e-mail valide.',
  displayName: 'Votre nom doit compter entre 1 et 100 caractères.',
  'deliveryAddress.line1': 'Indiquez la rue et le numéro (200 caractères au plus).',
  'deliveryAddress.postalCode': 'Un code postal français compte 5 chiffres, et doit être celui de la commune.',
  'deliveryAddress.inseeCode': 'Cette commune est inconnue.',
  deliveryAddress: "Indiquez l'adresse de livraison : nous n'avons pas pu la situer.",
  paymentMethod: 'Le paiement sur facture est réservé aux entreprises ; payez par carte.',
  deliveries: 'Choisissez un mode de livraison pour chaque producteur du panier.',
  lines: 'Le panier est vide.',
  odometerKm: 'Indiquez la distance parcourue pour l’aller seul, en kilomètres : un nombre plus grand que 0.',
  // The producer's catalogue: a price below zero (the only way the API refuses a price in cents the page sends).
  priceCents: 'Un prix doit être zéro ou plus, en euros et centimes.',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`b2bPriceTiers.${index}.unitPriceCents`, 'Un prix doit être zéro ou plus, en euros et centimes.'])),
  // The producer's start (/producteur/demarrer) and delivery options (/producteur/livraisons).
  'address.line1': 'Indiquez la rue et le numéro (200 caractères au plus).',
  'address.postalCode': 'Un code postal français compte 5 chiffres, et doit être celui de la commune.',
  'address.inseeCode': 'Cette commune est inconnue.',
  vehicleId: 'Indiquez le véhicule qui transporte les commandes : l’empreinte carbone de la livraison en dépend.',
  maxDistanceKm: 'La distance maximale doit être plus grande que 0 et d’au plus 2 000 km.',
  feeCents: 'Les frais de livraison sont un montant en euros, zéro ou plus.',
  minOrderCents: 'Le minimum de commande est un montant en euros, zéro ou plus.',
};

const BY_CODE: Record<string, string> = {
  RATE_LIMITED: 'Trop de tentatives : patientez quelques minutes avant de réessayer.',
  PAYMENTS_NOT_CONFIGURED: "Le paiement par carte n'est pas activé sur cette plateforme ; les entreprises peuvent payer sur facture.",
  INTERNAL_SERVER_ERROR: 'Une erreur est survenue de notre côté. Réessayez dans un instant.',
  FORBIDDEN: "Vous n'avez pas accès à cette action.",
  INVALID_STATE_TRANSITION: 'Cette commande a changé d’étape entre-temps : rechargez la page.',
};

const BY_CODE_AND_FIELD: Record<string, string> = {
  'CONFLICT email': 'Un compte existe déjà pour cette adresse e-mail : connectez-vous.',
  'UNAUTHENTICATED ': 'Adresse e-mail ou mot de passe incorrect.',
  'CONFLICT siret': 'Une organisation existe déjà avec ce numéro SIRET sur Ancrage : demandez à son responsable de vous ajouter à ses membres.',
};

/** Messages that carry names and figures: the English pattern and its French sentence. */
const WITH_VALUES: [RegExp, (...values: string[]) => string][] = [
  // The RSE report (/pro/rse) and the brand's pages (/marque).
  [/^A report covers at most (\d+) days; ask for one year at a time\.$/, (days) => `Un bilan couvre au plus ${days} jours : choisissez une période d’un an au plus.`],
  [/^The period ends before it starts\.$/, () => 'La période se termine avant de commencer : la date de fin doit suivre la date de début.'],
  [/^The local radius is more than 0 and at most 1,000 km\.$/, () => 'Le rayon local doit être plus grand que 0 et d’au plus 1 000 km.'],
  [/^Say why: the producer reads it\.$/, () => 'Indiquez le motif du refus : le producteur le lira.'],
  [
    /^A (\w+) membership cannot be (?:approved|rejected)\.$/,
    (status) => `Cette candidature est déjà « ${APPROVAL_STATUS_LABELS[status.toUpperCase()] ?? status} » : elle a été traitée entre-temps. Rechargez la page.`,
  ],
  [/^Someone decided on this membership at the same moment; reload it\.$/, () => 'Quelqu’un a statué sur cette candidature au même moment : rechargez la page.'],
  [/^Brand membership was not found\.$/, () => 'Cette candidature est introuvable : elle a peut-être été retirée.'],
  [/^No commune has the postal code (\d+)\.$/, (code) => `Aucune commune n'a le code postal ${code}.`],
  [
    /^No commune named (.+) has the postal code (\d+) \((.+)\)\.$/,
    (city, code, names) => `Aucune commune nommée ${city} n'a le code postal ${code} (ce code est celui de : ${names}).`,
  ],
  [
    /^Several communes share the postal code (\d+) \((.+)\): give the city\.$/,
    (code, names) => `Plusieurs communes ont le code postal ${code} (${names}) : précisez la ville.`,
  ],
  [/^No commune has the INSEE code (.+)\.$/, (code) => `Aucune commune n'a le code INSEE ${code}.`],
  [
    /^(.+) delivers orders of at least (.+) excluding VAT with "(.+)"\.$/,
    (producer, amount, option) => `${producer} livre les commandes d'au moins ${amount} HT avec « ${option} ».`,
  ],
  [/^(.+) is sold from (.+) on\.$/, (product, quantity) => `${product} se vend à partir de ${quantity}.`],
  [
    /^(.+) delivers within (.+) km with "(.+)"; this address is (.+) km away\.$/,
    (producer, max, option, distance) =>
      `${producer} livre à ${max} km au plus avec « ${option} » ; cette adresse est à ${distance} km.`,
  ],
  [/^Only (.+) left of (.+)\.$/, (available, product) => `Il ne reste que ${available} de ${product}.`],
  // The producer's orders (/producteur).
  [
    /^The distance driven to this delivery is more than 0 and at most (.+) km, one way\.$/,
    (max) => `La distance parcourue doit être plus grande que 0 et d’au plus ${max} km, pour l’aller seul.`,
  ],
  [
    /^A supplier order cannot go from \w+ to (\w+); it is (\w+)\.$/,
    (to, now) =>
      `Cette commande est « ${STATUS_LABELS[now] ?? now} » : elle ne peut pas passer à « ${STATUS_LABELS[to] ?? to} ». Elle a peut-être changé entre-temps : rechargez la page.`,
  ],
  [/^Supplier order was not found\.$/, () => 'Cette commande est introuvable, ou elle n’est pas adressée à votre organisation.'],
  // The producer's catalogue (/producteur/produits, its product form and label requests).
  [/^The quantity must be zero or more\.$/, () => 'La quantité doit être zéro ou plus.'],
  [/^The quantity must be more than zero\.$/, () => 'La quantité doit être plus grande que zéro.'],
  [/^A quantity has at most 3 decimals\.$/, () => 'Une quantité a au plus 3 décimales.'],
  [/^Pieces are counted in whole numbers\.$/, () => 'Un produit vendu à la pièce se compte en nombres entiers.'],
  [/^The VAT rate must be a French rate: .+\.$/, () => 'Choisissez un taux de TVA français : 2,1 %, 5,5 %, 8,5 %, 10 % ou 20 %.'],
  [/^The description must have at most (\d+) characters\.$/, (max) => `La description compte au plus ${max} caractères.`],
  [/^A CIQUAL food code has 3 to 6 digits\.$/, () => 'Un code CIQUAL compte de 3 à 6 chiffres, ou laissez le champ vide.'],
  [/^A product sold by the kilo weighs 1 kg per unit\.$/, () => 'Un produit vendu au kilo pèse 1 kg par unité : indiquez 1, ou laissez le champ vide.'],
  [/^Give the mass of one unit with its packaging, in kg \(more than 0\)\.$/, () => 'Indiquez la masse d’une unité avec son emballage, en kg (plus de 0).'],
  [/^At most (\d+) price tiers\.$/, (max) => `${max} paliers de prix au plus.`],
  [/^Price tiers go by increasing minimum quantity\.$/, () => 'Les paliers vont par quantité croissante : celui-ci doit partir d’une quantité plus grande que le précédent.'],
  [/^The product changed since you opened it; reload it and edit again\.$/, () => 'Le produit a été modifié entre-temps : rechargez la page, puis refaites vos changements.'],
  [/^Product was not found\.$/, () => 'Ce produit est introuvable, ou il n’appartient pas à votre organisation.'],
  [/^The producer is not an approved member of (.+): apply to the brand first\.$/, (brand) => `Vous n’êtes pas membre accepté de ${brand} : candidatez d’abord auprès de la marque.`],
  [
    /^This product's (.+) label is already (\w+)\.$/,
    (brand, status) => `Ce produit a déjà une demande de label ${brand} : « ${APPROVAL_STATUS_LABELS[status.toUpperCase()] ?? status} ».`,
  ],
  // The producer's start (/producteur/demarrer) and delivery options (/producteur/livraisons).
  [/^This SIRET is not valid: check its 14 digits\.$/, () => 'Ce numéro SIRET n’est pas valide : vérifiez ses 14 chiffres.'],
  [/^A SIRET is required for a (\w+)\.$/, () => 'Indiquez le numéro SIRET de votre organisation (14 chiffres).'],
  [/^The name must have between 1 and (\d+) characters\.$/, (max) => `Le nom doit compter entre 1 et ${max} caractères.`],
  [/^The label must have between 1 and (\d+) characters\.$/, (max) => `Le nom du mode de livraison doit compter entre 1 et ${max} caractères.`],
  [
    /^The postal code (\d+) does not belong to (.+) \((.+)\)\.$/,
    (code, commune, codes) => `Le code postal ${code} n'est pas celui de ${commune} (${codes}).`,
  ],
  [/^Unknown vehicle; choose one of: (.+)\.$/, (ids) => `Véhicule inconnu. Choisissez l’un de ceux-ci : ${ids}.`],
  [
    /^(.+) admits producers of (.+); (.+) is in (.+)\.$/,
    (brand, territory, producer, where) => `${brand} n’accueille que les producteurs de ${territory} ; ${producer} se situe hors de ce territoire (${where}).`,
  ],
  [
    /^(.+) has already applied to (.+) \((\w+)\)\.$/,
    (producer, brand, status) =>
      `${producer} a déjà candidaté à ${brand} : sa candidature est « ${APPROVAL_STATUS_LABELS[status.toUpperCase()] ?? status} ».`,
  ],
];

export function frenchMessage(code: string, field: string | undefined, apiMessage: string): string {
  const exact = BY_CODE_AND_FIELD[`${code} ${field ?? ''}`];
  if (exact) return exact;
  for (const [pattern, french] of WITH_VALUES) {
    const match = pattern.exec(apiMessage);
    if (match) return french(...match.slice(1));
  }
  if (code === 'BAD_USER_INPUT' && field) {
    if (field === 'password') return 'Mot de passe refusé : au moins 8 caractères, et pas un mot de passe courant.';
    if (BY_FIELD[field]) return BY_FIELD[field];
  }
  return BY_CODE[code] ?? apiMessage;
}
