import { APPROVAL_STATUS_LABELS, date, euros, INVOICE_STATUS_LABELS, PRODUCER_STATUS_LABELS } from './format';

/**
 * The API answers its errors in English (PRODUCT.md fixes their codes and fields, not their wording); the pages
 * speak French. A message is chosen by code and field, most specific first; an error this table does not know keeps
 * the API's own message, which is still clear, rather than a vague French one.
 */
const BY_FIELD: Record<string, string> = {
  email: 'Saisissez une adresse e-mail valide.',
  // How to reach an organization (/producteur/profil, /pro/entreprise).
  phone: 'Saisissez un numéro de téléphone français\u00a0: 10 chiffres commençant par 0 (05 55 52 14 29), ou +33.',
  contactEmail: 'Saisissez une adresse e-mail valide (contact@exemple.fr), ou laissez le champ vide.',
  displayName: 'Votre nom doit compter entre 1 et 100 caractères.',
  'deliveryAddress.line1': 'Indiquez la rue et le numéro (200 caractères au plus).',
  'deliveryAddress.postalCode': 'Un code postal français compte 5 chiffres, et doit être celui de la commune.',
  'deliveryAddress.inseeCode': 'Cette commune est inconnue.',
  deliveryAddress: "Indiquez l'adresse de livraison\u00a0: nous n'avons pas pu la situer.",
  paymentMethod: 'Le paiement sur facture est réservé aux entreprises\u00a0; payez par carte.',
  deliveries: 'Choisissez un mode de livraison pour chaque producteur du panier.',
  lines: 'Le panier est vide.',
  odometerKm: 'Indiquez la distance parcourue pour l’aller seul, en kilomètres\u00a0: un nombre plus grand que 0.',
  // The producer's catalogue: a price below zero (the only way the API refuses a price in cents the page sends).
  priceCents: 'Un prix doit être zéro ou plus, en euros et centimes.',
  ...Object.fromEntries(
    Array.from({ length: 10 }, (_, index) => [
      `b2bPriceTiers.${index}.unitPriceCents`,
      'Un prix doit être zéro ou plus, en euros et centimes.',
    ]),
  ),
  // The producer's start (/producteur/demarrer) and delivery options (/producteur/livraisons).
  'address.line1': 'Indiquez la rue et le numéro (200 caractères au plus).',
  'address.postalCode': 'Un code postal français compte 5 chiffres, et doit être celui de la commune.',
  'address.inseeCode': 'Cette commune est inconnue.',
  vehicleId: 'Indiquez le véhicule qui transporte les commandes\u00a0: l’empreinte carbone de la livraison en dépend.',
  maxDistanceKm: 'La distance maximale doit être plus grande que 0 et d’au plus 2 000 km.',
  feeCents: 'Les frais de livraison sont un montant en euros, zéro ou plus.',
  minOrderCents: 'Le minimum de commande est un montant en euros, zéro ou plus.',
  // Delivery days (/producteur/livraisons).
  weekdays: 'Cochez des jours de la semaine, chacun une fois.',
  cutoffHours:
    'La fin des commandes est un nombre entier d’heures avant le jour de livraison, de 0 à 336 (deux semaines).',
  address:
    'L’adresse de retrait ne vaut que pour un retrait chez vous, en 300 caractères au plus\u00a0: laissez-la vide pour une livraison.',
  // Standing orders (/pro/commandes-recurrentes).
  startsOn: 'Le premier jour de livraison doit être aujourd’hui ou plus tard.',
  endsOn:
    'Le dernier jour doit suivre le premier, et au moins une livraison doit tomber entre les deux\u00a0; laissez-le vide pour ne pas fixer de fin.',
  openingHours:
    'Les horaires de retrait ne valent que pour un retrait chez vous, en 300 caractères au plus\u00a0: laissez-les vides pour une livraison.',
};

const BY_CODE: Record<string, string> = {
  RATE_LIMITED: 'Trop de tentatives\u00a0: patientez quelques minutes avant de réessayer.',
  PAYMENTS_NOT_CONFIGURED:
    "Le paiement par carte n'est pas activé sur cette plateforme\u00a0; les entreprises peuvent payer sur facture.",
  INTERNAL_SERVER_ERROR: 'Une erreur est survenue de notre côté. Réessayez dans un instant.',
  // A page's own query the API refused (over its limits, or out of date with its schema): our error, never the
  // visitor's, and its English says nothing to them (apps/api/src/web-documents.spec.ts checks every page's query).
  GRAPHQL_VALIDATION_FAILED:
    'Une erreur est survenue de notre côté : cette page n’a pas pu être lue. Nous la corrigeons.',
  GRAPHQL_PARSE_FAILED: 'Une erreur est survenue de notre côté : cette page n’a pas pu être lue. Nous la corrigeons.',
  FORBIDDEN: "Vous n'avez pas accès à cette action.",
  INVALID_STATE_TRANSITION: 'Cette commande a changé d’étape entre-temps\u00a0: rechargez la page.',
  PRODUCER_NOT_PAYABLE:
    'Un producteur de cette commande ne peut pas encore être payé par carte\u00a0: retirez ses produits du panier, ou payez sur facture si vous achetez pour une entreprise.',
  PAYMENT_FAILED: 'Le paiement a été refusé par la banque\u00a0: essayez une autre carte.',
};

const BY_CODE_AND_FIELD: Record<string, string> = {
  'CONFLICT email': 'Un compte existe déjà pour cette adresse e-mail\u00a0: connectez-vous.',
  'UNAUTHENTICATED ': 'Adresse e-mail ou mot de passe incorrect.',
  'CONFLICT siret':
    'Une organisation existe déjà avec ce numéro SIRET sur Ancrage\u00a0: demandez à son responsable de vous ajouter à ses membres.',
};

/** A label's status (masculine in French: "le label"), for the messages about labels. */
const LABEL_WORDS: Record<string, string> = {
  PENDING: 'En attente',
  APPROVED: 'Accordé',
  REJECTED: 'Refusé',
  REVOKED: 'Retiré',
};

/** Messages that carry names and figures: the English pattern and its French sentence. */
const WITH_VALUES: [RegExp, (...values: string[]) => string][] = [
  // A CONFLICT that is worth sending again (`retryable`): the checkout's stock rows, or any row, held by others.
  [
    /^Many orders are taking the same products right now/,
    () =>
      'Beaucoup de commandes prennent les mêmes produits en ce moment\u00a0: rien n’a été commandé. Renvoyez la commande dans un instant.',
  ],
  [
    /^The data this request needs is being changed by another request right now/,
    () => 'Ces données sont en cours de modification par une autre demande\u00a0: réessayez dans un instant.',
  ],
  // Standing orders: a weekday one of the producers does not deliver on.
  [
    /^(.+) does not deliver on (\S+) with "(.+)"\.$/,
    (producer, day, option) =>
      `${producer} ne livre pas le ${day} avec «\u00a0${option}\u00a0»\u00a0: choisissez ses jours de livraison.`,
  ],
  // The RSE report (/pro/rse) and the brand's pages (/marque).
  [
    /^A report covers at most (\d+) days; ask for one year at a time\.$/,
    (days) => `Un bilan couvre au plus ${days} jours\u00a0: choisissez une période d’un an au plus.`,
  ],
  [
    /^The period ends before it starts\.$/,
    () => 'La période se termine avant de commencer\u00a0: la date de fin doit suivre la date de début.',
  ],
  [
    /^The local radius is more than 0 and at most 1,000 km\.$/,
    () => 'Le rayon local doit être plus grand que 0 et d’au plus 1 000 km.',
  ],
  [/^Say why: the producer reads it\.$/, () => 'Indiquez le motif du refus\u00a0: le producteur le lira.'],
  [
    /^A (\w+) membership cannot be (?:approved|rejected)\.$/,
    (status) =>
      `Cette candidature est déjà «\u00a0${APPROVAL_STATUS_LABELS[status.toUpperCase()] ?? status}\u00a0»\u00a0: elle a été traitée entre-temps. Rechargez la page.`,
  ],
  [
    /^Someone decided on this membership at the same moment; reload it\.$/,
    () => 'Quelqu’un a statué sur cette candidature au même moment\u00a0: rechargez la page.',
  ],
  [
    /^Brand membership was not found\.$/,
    () => 'Cette candidature est introuvable\u00a0: elle a peut-être été retirée.',
  ],
  [/^No commune has the postal code (\d+)\.$/, (code) => `Aucune commune n'a le code postal ${code}.`],
  [
    /^No commune named (.+) has the postal code (\d+) \((.+)\)\.$/,
    (city, code, names) =>
      `Aucune commune nommée ${city} n'a le code postal ${code} (ce code est celui de\u00a0: ${names}).`,
  ],
  [
    /^Several communes share the postal code (\d+) \((.+)\): give the city\.$/,
    (code, names) => `Plusieurs communes ont le code postal ${code} (${names})\u00a0: précisez la ville.`,
  ],
  [/^No commune has the INSEE code (.+)\.$/, (code) => `Aucune commune n'a le code INSEE ${code}.`],
  [
    /^(.+) delivers orders of at least (.+) excluding VAT with "(.+)"\.$/,
    (producer, amount, option) =>
      `${producer} livre les commandes d'au moins ${amount} HT avec «\u00a0${option}\u00a0».`,
  ],
  [/^(.+) is sold from (.+) on\.$/, (product, quantity) => `${product} se vend à partir de ${quantity}.`],
  [
    /^(.+) delivers within (.+) km with "(.+)"; this address is (.+) km away\.$/,
    (producer, max, option, distance) =>
      `${producer} livre à ${max} km au plus avec «\u00a0${option}\u00a0»\u00a0; cette adresse est à ${distance} km.`,
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
      `Cette commande est «\u00a0${PRODUCER_STATUS_LABELS[now] ?? now}\u00a0»\u00a0: elle ne peut pas passer à «\u00a0${PRODUCER_STATUS_LABELS[to] ?? to}\u00a0». Elle a peut-être changé entre-temps\u00a0: rechargez la page.`,
  ],
  // Invoice orders (issue #20): a new buyer's cap with a producer, a buyer the producer refused invoices from.
  [
    /^(.+) has not delivered to this business yet: its invoice orders with it are limited to ([\d.]+) € VAT included until a first delivery \(([\d.]+) € left, this part is ([\d.]+) €\); pay by card or order less\.$/,
    (producer, cap, left, part) =>
      `${producer} ne vous a encore jamais livré\u00a0: vos commandes sur facture chez ce producteur sont limitées à ${euros(Math.round(Number(cap) * 100))} TTC jusqu’à une première livraison (il reste ${euros(Math.round(Number(left) * 100))}, cette part fait ${euros(Math.round(Number(part) * 100))}). Payez par carte, ou commandez moins.`,
  ],
  [
    /^(.+) does not accept payment by invoice from this business; pay by card\.$/,
    (producer) => `${producer} n’accepte pas le paiement sur facture de votre entreprise\u00a0: payez par carte.`,
  ],
  [/^The cap for new buyers is between 0 and .+$/, () => 'Le plafond est un montant en euros, de 0 à 1 000 000 €.'],
  [/^Buyer was not found\.$/, () => 'Cet acheteur est introuvable, ou il n’a jamais commandé chez vous.'],
  // Card orders (PRODUCT.md §7): a producer not payable at checkout, a refusal from Stripe, a part not paid yet.
  [
    /^(.+) cannot take card payments yet; pay by invoice or remove its products\.$/,
    (producer) =>
      `${producer} ne peut pas encore être payé par carte\u00a0: retirez ses produits du panier, ou payez sur facture si vous achetez pour une entreprise.`,
  ],
  [
    /^Stripe refused the payment \((.+)\)\.$/,
    (code) =>
      `Le paiement a été refusé (motif\u00a0: ${code})\u00a0: essayez une autre carte, ou contactez votre banque.`,
  ],
  [
    /^This card order is not paid yet: .+$/,
    () =>
      'Cette commande attend encore son paiement par carte\u00a0: vous pourrez la confirmer dès que l’acheteur l’aura payée.',
  ],
  // A disputed card payment (PAY-17): its parts are not cancelled, for they would not be refunded.
  [
    /^This payment is disputed: it cannot be refunded\.$/,
    () =>
      'Le paiement de cette commande est contesté auprès de la banque de l’acheteur\u00a0: elle ne peut plus être annulée ni remboursée. L’issue de la contestation décide de ce qui est rendu.',
  ],
  [
    /^Supplier order was not found\.$/,
    () => 'Cette commande est introuvable, ou elle n’est pas adressée à votre organisation.',
  ],
  // The producer's catalogue (/producteur/produits, its product form and label requests).
  [/^The quantity must be zero or more\.$/, () => 'La quantité doit être zéro ou plus.'],
  [/^The quantity must be more than zero\.$/, () => 'La quantité doit être plus grande que zéro.'],
  [/^A quantity has at most 3 decimals\.$/, () => 'Une quantité a au plus 3 décimales.'],
  [/^Pieces are counted in whole numbers\.$/, () => 'Un produit vendu à la pièce se compte en nombres entiers.'],
  [
    /^The VAT rate must be a French rate: .+\.$/,
    () => 'Choisissez un taux de TVA français\u00a0: 2,1\u00a0%, 5,5\u00a0%, 8,5\u00a0%, 10\u00a0% ou 20\u00a0%.',
  ],
  [
    /^The description must have at most (\d+) characters\.$/,
    (max) => `La description compte au plus ${max} caractères.`,
  ],
  [
    /^A CIQUAL food code has 3 to 6 digits\.$/,
    () => 'Un code CIQUAL compte de 3 à 6 chiffres, ou laissez le champ vide.',
  ],
  [
    /^A product sold by the kilo weighs 1 kg per unit\.$/,
    () => 'Un produit vendu au kilo pèse 1 kg par unité\u00a0: indiquez 1, ou laissez le champ vide.',
  ],
  [
    /^Give the mass of one unit with its packaging, in kg \(more than 0\)\.$/,
    () => 'Indiquez la masse d’une unité avec son emballage, en kg (plus de 0).',
  ],
  [/^At most (\d+) price tiers\.$/, (max) => `${max} paliers de prix au plus.`],
  [
    /^Price tiers go by increasing minimum quantity\.$/,
    () =>
      'Les paliers vont par quantité croissante\u00a0: celui-ci doit partir d’une quantité plus grande que le précédent.',
  ],
  [
    /^The product changed since you opened it; reload it and edit again\.$/,
    () => 'Le produit a été modifié entre-temps\u00a0: rechargez la page, puis refaites vos changements.',
  ],
  [/^Product was not found\.$/, () => 'Ce produit est introuvable, ou il n’appartient pas à votre organisation.'],
  [
    /^The producer is not an approved member of (.+): apply to the brand first\.$/,
    (brand) => `Vous n’êtes pas membre accepté de ${brand}\u00a0: candidatez d’abord auprès de la marque.`,
  ],
  [
    /^This product's (.+) label is already (\w+)\.$/,
    (brand, status) =>
      `Ce produit a déjà une demande de label ${brand}\u00a0: «\u00a0${APPROVAL_STATUS_LABELS[status.toUpperCase()] ?? status}\u00a0».`,
  ],
  // The producer's start (/producteur/demarrer) and delivery options (/producteur/livraisons).
  [
    /^This SIRET is not valid: check its 14 digits\.$/,
    () => 'Ce numéro SIRET n’est pas valide\u00a0: vérifiez ses 14 chiffres.',
  ],
  [/^A SIRET is required for a (\w+)\.$/, () => 'Indiquez le numéro SIRET de votre organisation (14 chiffres).'],
  [
    /^The name must have between 1 and (\d+) characters\.$/,
    (max) => `Le nom doit compter entre 1 et ${max} caractères.`,
  ],
  [
    /^The label must have between 1 and (\d+) characters\.$/,
    (max) => `Le nom du mode de livraison doit compter entre 1 et ${max} caractères.`,
  ],
  [
    /^The postal code (\d+) does not belong to (.+) \((.+)\)\.$/,
    (code, commune, codes) => `Le code postal ${code} n'est pas celui de ${commune} (${codes}).`,
  ],
  [/^Unknown vehicle; choose one of: (.+)\.$/, (ids) => `Véhicule inconnu. Choisissez l’un de ceux-ci\u00a0: ${ids}.`],
  [
    /^(.+) admits producers of (.+); (.+) is in (.+)\.$/,
    (brand, territory, producer, where) =>
      `${brand} n’accueille que les producteurs de ${territory} ; ${producer} se situe hors de ce territoire (${where}).`,
  ],
  [
    /^(.+) has already applied to (.+) \((\w+)\)\.$/,
    (producer, brand, status) =>
      `${producer} a déjà candidaté à ${brand}\u00a0: sa candidature est «\u00a0${APPROVAL_STATUS_LABELS[status.toUpperCase()] ?? status}\u00a0».`,
  ],
  // Delivery days: the buyer's date (/commande) and the producer's options (/producteur/livraisons).
  [
    /^Choose the delivery date for (.+): this option delivers on set days\.$/,
    (producer) => `Choisissez le jour de livraison de ${producer}.`,
  ],
  [
    /^(.+) does not deliver on (\d{4}-\d{2}-\d{2}) with this option; choose one of its next delivery dates\.$/,
    (producer, day) =>
      `${producer} ne livre pas le ${date(day)} avec ce mode de livraison\u00a0: choisissez l’une de ses prochaines dates.`,
  ],
  [
    /^Orders for (\d{4}-\d{2}-\d{2}) with (.+) are closed; choose a later delivery date\.$/,
    (day, producer) =>
      `Les commandes pour le ${date(day)} sont closes chez ${producer}\u00a0: choisissez une date plus tardive.`,
  ],
  [
    /^This delivery option is archived; create a new one\.$/,
    () => 'Ce mode de livraison est archivé\u00a0: ajoutez-en un nouveau.',
  ],
  [
    /^Delivery option was not found\.$/,
    () => 'Ce mode de livraison est introuvable, ou il n’appartient pas à votre organisation.',
  ],
  // The invoice pages (/producteur/factures, /pro/factures).
  // « Faire un avoir » (/producteur/factures): creditInvoice's refusals.
  [
    /^The amount to credit must be more than 0 and at most (\d+\.\d{2}) €: what is left of invoice (.+) once its credit notes are taken off\.$/,
    (most, number) =>
      `Le montant de l’avoir doit être de plus de 0\u00a0€ et d’au plus ${euros(Math.round(Number(most) * 100))}\u00a0: ce qui reste de la facture ${number} une fois ses avoirs déduits.`,
  ],
  [
    /^Say why the invoice is credited: the reason is printed on the credit note\.$/,
    () => 'Indiquez le motif de l’avoir\u00a0: il est imprimé sur l’avoir que reçoit le client.',
  ],
  [
    /^Invoice (.+) was paid by card: .*$/,
    (number) =>
      `La facture ${number} a été payée par carte\u00a0: son montant se rembourse sur la carte, par l’équipe d’Ancrage, et l’avoir suit le remboursement.`,
  ],
  [
    /^Invoice (.+) (?:is cancelled|was wholly credited meanwhile): nothing is left to credit on it\.$/,
    (number) => `La facture ${number} est annulée\u00a0: il n’y reste rien à créditer. Rechargez la page.`,
  ],
  [
    /^This idempotency key was already used for another credit note; .*$/,
    () => 'Cet avoir a déjà été envoyé avec d’autres valeurs\u00a0: rechargez la page avant d’en faire un autre.',
  ],
  [
    /^A payment cannot be recorded for a day still to come\.$/,
    () => 'Le paiement ne peut pas être daté d’un jour à venir\u00a0: indiquez le jour où il est arrivé.',
  ],
  [
    /^The invoice was issued on (\d{4}-\d{2}-\d{2}): it cannot have been paid before\.$/,
    (day) => `La facture a été émise le ${date(day)}\u00a0: elle ne peut pas avoir été payée avant.`,
  ],
  [
    /^Invoice (.+) is (\w+): only an issued or overdue invoice can be marked paid\.$/,
    (number, status) =>
      `La facture ${number} est «\u00a0${INVOICE_STATUS_LABELS[status.toUpperCase()] ?? status}\u00a0»\u00a0: seule une facture à payer ou en retard peut être marquée payée. Rechargez la page.`,
  ],
  [
    /^Invoice was not found\.$/,
    () => 'Cette facture est introuvable, ou elle n’a pas été émise par votre organisation.',
  ],
  [
    /^This cursor does not come from this list\.$/,
    () => 'Ce lien de page n’est plus valable\u00a0: revenez aux premières factures.',
  ],
  // A way back in and teams (/reinitialiser-mot-de-passe, /verifier-email, /invitation, /producteur/membres, /pro/membres).
  [
    /^This link is not valid or has expired; ask for a new one\.$/,
    () => 'Ce lien n’est plus valable\u00a0: il a expiré ou a déjà servi. Demandez-en un nouveau.',
  ],
  [
    /^This invitation link is not valid\.$/,
    () =>
      'Ce lien d’invitation n’est pas valable\u00a0: vérifiez qu’il est complet, ou demandez une nouvelle invitation.',
  ],
  [/^This invitation has already been used\.$/, () => 'Cette invitation a déjà servi.'],
  [
    /^This invitation was replaced by a newer one.*$/,
    () => 'Une invitation plus récente a remplacé celle-ci\u00a0: ouvrez le lien du dernier e-mail reçu.',
  ],
  [
    /^This invitation has expired.*$/,
    () => 'Cette invitation a expiré\u00a0: demandez-en une nouvelle à l’organisation.',
  ],
  [
    /^This invitation was sent to another e-mail address.*$/,
    () =>
      'Cette invitation a été envoyée à une autre adresse e-mail\u00a0: connectez-vous, ou créez votre compte, avec cette adresse.',
  ],
  [
    /^This person is already a member of the organization\.$/,
    () => 'Cette personne est déjà membre de l’organisation.',
  ],
  [/^You are already a member of this organization\.$/, () => 'Vous êtes déjà membre de cette organisation.'],
  [
    /^An organization keeps at least one owner.*$/,
    () => 'Une organisation garde au moins un propriétaire\u00a0: invitez-en un autre avant de retirer celui-ci.',
  ],
  [/^Only the organization's owners may .*$/, () => 'Réservé aux propriétaires de l’organisation.'],
  [/^Member was not found\.$/, () => 'Cette personne n’est plus membre de l’organisation.'],
  // Brand labels (/marque/labels) and brand verification.
  [
    /^(.+) is waiting for its verification by Ancrage; it decides on applications and labels once verified\.$/,
    (brand) =>
      `${brand} attend sa vérification par l’équipe d’Ancrage\u00a0: elle pourra accepter candidatures et labels une fois vérifiée.`,
  ],
  [
    /^A (\w+) label cannot be (?:approved|refused)\.$/,
    (status) =>
      `Cette demande de label est déjà «\u00a0${LABEL_WORDS[status.toUpperCase()] ?? status}\u00a0»\u00a0: elle a été traitée entre-temps. Rechargez la page.`,
  ],
  [
    /^Someone decided on this label at the same moment; reload it\.$/,
    () => 'Quelqu’un a statué sur ce label au même moment\u00a0: rechargez la page.',
  ],
  [
    /^Product label was not found\.$/,
    () => 'Cette demande de label est introuvable, ou elle n’est pas adressée à votre marque.',
  ],
  [
    /^The reason must not exceed ([\d,]+) characters\.$/,
    (max) => `Le motif compte au plus ${max.replace(',', ' ')} caractères.`,
  ],
  // The platform admin's page (/admin).
  [/^(.+) is already verified\.$/, (brand) => `${brand} est déjà vérifiée.`],
  [/^This account is already disabled\.$/, () => 'Ce compte est déjà désactivé.'],
  [
    /^Say why the account is disabled: it is kept in the audit log\.$/,
    () => 'Indiquez le motif de la désactivation\u00a0: il est inscrit au journal.',
  ],
  [/^You cannot disable your own account\.$/, () => 'Vous ne pouvez pas désactiver votre propre compte.'],
  [
    /^Say why the second factor is reset: it is kept in the audit log\.$/,
    () => 'Indiquez le motif de la réinitialisation\u00a0: il est inscrit au journal.',
  ],
  [
    /^This account has no second factor to reset\.$/,
    () => 'Ce compte n’a pas de double authentification à réinitialiser.',
  ],
  [/^User was not found\.$/, () => 'Ce compte est introuvable.'],
  [/^Failed job was not found\.$/, () => 'Cette tâche n’est plus en échec\u00a0: elle a peut-être déjà été relancée.'],
  [/^The commission is a rate between 0 and 0\.5 .*$/, () => 'La commission est comprise entre 0 et 50\u00a0%.'],
  [
    /^The commission is set in hundredths of a percent at most.*$/,
    () => 'La commission se fixe au centième de pourcent près (par exemple 5,25).',
  ],
  [/^Search with at most (\d+) characters\.$/, (max) => `Cherchez avec ${max} caractères au plus.`],
  // Photos (POST /media, the product's photos) and the producer's profile.
  [/^The file must be a JPEG, PNG or WebP picture\.$/, () => 'Le fichier doit être une photo JPEG, PNG ou WebP.'],
  [/^The picture must be at most 8 MB\.$/, () => 'La photo doit peser 8 Mo au plus\u00a0: réduisez-la.'],
  [
    /^The picture has too many pixels \(at most (\d+) million\)\.$/,
    (million) => `La photo compte trop de pixels (${million} millions au plus)\u00a0: réduisez-la.`,
  ],
  [
    /^The file is empty\.$|^Send (?:the|one) picture in the (?:multipart )?field "file"\.$/,
    () => 'Choisissez une photo à envoyer.',
  ],
  [
    /^Describe the photo in 1 to 300 characters.*$/,
    () => 'Décrivez la photo en 1 à 300 caractères\u00a0: ce qu’elle montre, pour qui ne la voit pas.',
  ],
  [
    /^A product shows at most (\d+) photos\.$/,
    (count) => `Un produit montre au plus ${count} photos\u00a0: retirez-en une d’abord.`,
  ],
  [
    /^The description must have at most (\d+) characters\.$/,
    (count) => `La présentation compte au plus ${Number(count).toLocaleString('fr-FR')} caractères.`,
  ],
  [/^The name must have between 1 and 200 characters\.$/, () => 'Le nom doit compter entre 1 et 200 caractères.'],
  // The producer's bank details (/producteur/paiements).
  [
    /^This IBAN is wrong: its check digits do not match/,
    () => 'Cet IBAN est erroné\u00a0: sa clé de contrôle ne correspond pas. Vérifiez-le sur votre RIB.',
  ],
  [
    /^An IBAN of ([A-Z]{2}) has (\d+) characters \(this one has (\d+)\)\.$/,
    (country, length, typed) => `Un IBAN ${country} compte ${length} caractères (celui-ci en a ${typed}).`,
  ],
  [
    /^An IBAN is a country code, two check digits/,
    () => 'Un IBAN commence par le code du pays et deux chiffres, puis le numéro de compte (lettres et chiffres).',
  ],
  [/^A BIC needs an IBAN/, () => 'Indiquez l’IBAN du compte avec son BIC.'],
  [/^A BIC has 8 or 11 characters/, () => 'Un BIC compte 8 ou 11 lettres et chiffres, par exemple AGRIFRPP839.'],
  [/^Media was not found\.$/, () => 'Cette image est introuvable\u00a0: envoyez-la de nouveau.'],
  // A new brand (/marque/creer).
  [
    /^The slug is lower-case letters and digits joined by hyphens, such as made-in-jura\.$/,
    () =>
      'L’adresse de la page s’écrit en minuscules non accentuées et chiffres, les mots liés par des tirets\u00a0: made-in-jura.',
  ],
  [
    /^The slug (.+) is taken by another brand\.$/,
    (slug) => `L’adresse «\u00a0${slug}\u00a0» est déjà celle d’une autre marque\u00a0: choisissez-en une autre.`,
  ],
  [
    /^A brand covers at least one département\.$/,
    () => 'Indiquez au moins un département du territoire, par son numéro (39, 2A, 971…).',
  ],
  [
    /^Unknown département code: (.+)\.$/,
    (codes) => `Numéro de département inconnu\u00a0: ${codes}. Indiquez-les comme 39, 2A ou 971.`,
  ],
  [/^The charter must not exceed 20,000 characters\.$/, () => 'La charte compte au plus 20\u00a0000 caractères.'],
];

export function frenchMessage(code: string, field: string | undefined, apiMessage: string): string {
  // A whole message recognised is the most specific: "already a member" is a CONFLICT on `email` too.
  for (const [pattern, french] of WITH_VALUES) {
    const match = pattern.exec(apiMessage);
    if (match) return french(...match.slice(1));
  }
  const exact = BY_CODE_AND_FIELD[`${code} ${field ?? ''}`];
  if (exact) return exact;
  if (code === 'BAD_USER_INPUT' && field) {
    if (field === 'password')
      return 'Mot de passe refusé\u00a0: au moins 8 caractères, et pas un mot de passe courant.';
    if (BY_FIELD[field]) return BY_FIELD[field];
  }
  return BY_CODE[code] ?? apiMessage;
}
