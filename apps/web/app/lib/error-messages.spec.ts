import { describe, expect, it } from '@jest/globals';
import { frenchMessage } from './error-messages';

describe('the French wording of API errors', () => {
  it('carries the names and figures of a message with values', () => {
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'deliveryAddress.city',
        'No commune named Paris has the postal code 23000 (Guéret).',
      ),
    ).toBe("Aucune commune nommée Paris n'a le code postal 23000 (ce code est celui de\u00a0: Guéret).");
    expect(frenchMessage('OUT_OF_STOCK', undefined, 'Only 2 left of Comté 18 mois.')).toBe(
      'Il ne reste que 2 de Comté 18 mois.',
    );
  });

  it("words the API's refusals of a bank account (libs/identity bank-account.ts) in French, with their figures", () => {
    expect(
      frenchMessage('BAD_USER_INPUT', 'iban', 'This IBAN is wrong: its check digits do not match (ISO 13616 mod 97).'),
    ).toBe('Cet IBAN est erroné\u00a0: sa clé de contrôle ne correspond pas. Vérifiez-le sur votre RIB.');
    expect(frenchMessage('BAD_USER_INPUT', 'iban', 'An IBAN of FR has 27 characters (this one has 26).')).toBe(
      'Un IBAN FR compte 27 caractères (celui-ci en a 26).',
    );
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'bic',
        'A BIC has 8 or 11 characters: bank (4 letters), country (2 letters), place (2), branch (3, optional).',
      ),
    ).toBe('Un BIC compte 8 ou 11 lettres et chiffres, par exemple AGRIFRPP839.');
  });

  it("words the refusal of an organization's phone and contact e-mail in French", () => {
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'phone',
        'Enter a French phone number: 10 digits from 0 (05 55 52 14 29) or +33.',
      ),
    ).toMatch(/^Saisissez un numéro de téléphone français/);
    expect(frenchMessage('BAD_USER_INPUT', 'contactEmail', 'Enter a valid e-mail address.')).toMatch(
      /^Saisissez une adresse e-mail valide/,
    );
  });

  it('never shows a visitor the English of a query the API refused: that is our error', () => {
    expect(
      frenchMessage(
        'GRAPHQL_VALIDATION_FAILED',
        undefined,
        'Syntax Error: Query Cost limit of 5000 exceeded, found 5057.',
      ),
    ).toBe('Une erreur est survenue de notre côté\u00a0: cette page n’a pas pu être lue. Nous la corrigeons.');
  });

  it('chooses by code and field, most specific first', () => {
    expect(
      frenchMessage('CONFLICT', 'email', 'An account already exists for this e-mail address; sign in instead.'),
    ).toBe('Un compte existe déjà pour cette adresse e-mail\u00a0: connectez-vous.');
    expect(frenchMessage('BAD_USER_INPUT', 'email', 'Enter a valid e-mail address.')).toBe(
      'Saisissez une adresse e-mail valide.',
    );
    expect(frenchMessage('UNAUTHENTICATED', undefined, 'Incorrect e-mail or password.')).toBe(
      'Adresse e-mail ou mot de passe incorrect.',
    );
  });

  it('words the brand labels, brand verification and the support page', () => {
    expect(
      frenchMessage(
        'INVALID_STATE_TRANSITION',
        undefined,
        "C'est creusois is waiting for its verification by Ancrage; it decides on applications and labels once verified.",
      ),
    ).toBe(
      "C'est creusois attend sa vérification par l’équipe d’Ancrage\u00a0: elle pourra accepter candidatures et labels une fois vérifiée.",
    );
    expect(frenchMessage('INVALID_STATE_TRANSITION', undefined, 'A rejected label cannot be approved.')).toMatch(
      /^Cette demande de label est déjà «\u00a0Refusé\u00a0»/,
    );
    expect(
      frenchMessage('BAD_USER_INPUT', 'reason', 'Say why the account is disabled: it is kept in the audit log.'),
    ).toBe('Indiquez le motif de la désactivation\u00a0: il est inscrit au journal.');
    expect(frenchMessage('BAD_USER_INPUT', 'rate', 'The commission is a rate between 0 and 0.5 (0.05 = 5 %).')).toBe(
      'La commission est comprise entre 0 et 50\u00a0%.',
    );
    expect(frenchMessage('NOT_FOUND', undefined, 'Failed job was not found.')).toBe(
      'Cette tâche n’est plus en échec\u00a0: elle a peut-être déjà été relancée.',
    );
  });

  it('words the links of a way back in, and the teams', () => {
    expect(frenchMessage('BAD_USER_INPUT', 'token', 'This link is not valid or has expired; ask for a new one.')).toBe(
      'Ce lien n’est plus valable\u00a0: il a expiré ou a déjà servi. Demandez-en un nouveau.',
    );
    expect(
      frenchMessage('BAD_USER_INPUT', 'token', 'This invitation has expired; ask the organization for a new one.'),
    ).toBe('Cette invitation a expiré\u00a0: demandez-en une nouvelle à l’organisation.');
    expect(
      frenchMessage(
        'FORBIDDEN',
        undefined,
        'This invitation was sent to another e-mail address: sign in, or create an account, with that address.',
      ),
    ).toMatch(/^Cette invitation a été envoyée à une autre adresse e-mail/);
    // A CONFLICT on `email` that is not "an account exists": the whole message decides.
    expect(frenchMessage('CONFLICT', 'email', 'This person is already a member of the organization.')).toBe(
      'Cette personne est déjà membre de l’organisation.',
    );
    expect(
      frenchMessage(
        'CONFLICT',
        'userId',
        'An organization keeps at least one owner: make someone else an owner before removing this one.',
      ),
    ).toMatch(/^Une organisation garde au moins un propriétaire/);
    expect(frenchMessage('FORBIDDEN', undefined, "Only the organization's owners may do this.")).toBe(
      'Réservé aux propriétaires de l’organisation.',
    );
  });

  it("words the producer's refused moves of an order, with the statuses in French", () => {
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'odometerKm',
        'The distance driven to this delivery is more than 0 and at most 2000 km, one way.',
      ),
    ).toBe('La distance parcourue doit être plus grande que 0 et d’au plus 2000 km, pour l’aller seul.');
    expect(
      frenchMessage(
        'INVALID_STATE_TRANSITION',
        undefined,
        'A supplier order cannot go from DELIVERED to SHIPPED; it is DELIVERED.',
      ),
    ).toBe(
      'Cette commande est «\u00a0Livrée\u00a0»\u00a0: elle ne peut pas passer à «\u00a0En livraison\u00a0». Elle a peut-être changé entre-temps\u00a0: rechargez la page.',
    );
    // Only the producer moves its orders: an order just placed is, for it, one to confirm.
    expect(
      frenchMessage(
        'INVALID_STATE_TRANSITION',
        undefined,
        'A supplier order cannot go from PLACED to READY; it is PLACED.',
      ),
    ).toBe(
      'Cette commande est «\u00a0À confirmer\u00a0»\u00a0: elle ne peut pas passer à «\u00a0Prête\u00a0». Elle a peut-être changé entre-temps\u00a0: rechargez la page.',
    );
  });

  it('asks to send again a request that gave way to others (a retryable CONFLICT)', () => {
    expect(
      frenchMessage(
        'CONFLICT',
        undefined,
        'Many orders are taking the same products right now: nothing was ordered; send the order again in a moment.',
      ),
    ).toMatch(/^Beaucoup de commandes prennent les mêmes produits en ce moment\u00a0: rien n’a été commandé/);
    expect(
      frenchMessage(
        'CONFLICT',
        undefined,
        'The data this request needs is being changed by another request right now; send it again in a moment.',
      ),
    ).toBe('Ces données sont en cours de modification par une autre demande\u00a0: réessayez dans un instant.');
  });

  it("words the producer's start: SIRET, address, brand applications and delivery options", () => {
    expect(frenchMessage('BAD_USER_INPUT', 'siret', 'This SIRET is not valid: check its 14 digits.')).toBe(
      'Ce numéro SIRET n’est pas valide\u00a0: vérifiez ses 14 chiffres.',
    );
    expect(frenchMessage('CONFLICT', 'siret', 'A producer organization already exists with this SIRET.')).toMatch(
      /^Une organisation existe déjà avec ce numéro SIRET/,
    );
    expect(
      frenchMessage('BAD_USER_INPUT', 'vehicleId', 'Unknown vehicle; choose one of: vul_diesel, velo_marche.'),
    ).toBe('Véhicule inconnu. Choisissez l’un de ceux-ci\u00a0: vul_diesel, velo_marche.');
    expect(frenchMessage('CONFLICT', undefined, "Ferme X has already applied to C'est creusois (pending).")).toBe(
      "Ferme X a déjà candidaté à C'est creusois\u00a0: sa candidature est «\u00a0En attente\u00a0».",
    );
    expect(frenchMessage('BAD_USER_INPUT', 'feeCents', 'A price is a whole number of cents, zero or more.')).toBe(
      'Les frais de livraison sont un montant en euros, zéro ou plus.',
    );
  });

  it("words the producer's catalogue: prices, quantities, the product form and label requests", () => {
    const price = 'A price is a whole number of cents, zero or more.';
    expect(frenchMessage('BAD_USER_INPUT', 'priceCents', price)).toBe(
      'Un prix doit être zéro ou plus, en euros et centimes.',
    );
    expect(frenchMessage('BAD_USER_INPUT', 'b2bPriceTiers.2.unitPriceCents', price)).toBe(
      'Un prix doit être zéro ou plus, en euros et centimes.',
    );
    expect(frenchMessage('BAD_USER_INPUT', 'stock', 'The quantity must be zero or more.')).toBe(
      'La quantité doit être zéro ou plus.',
    );
    expect(frenchMessage('BAD_USER_INPUT', 'ciqualCode', 'A CIQUAL food code has 3 to 6 digits.')).toBe(
      'Un code CIQUAL compte de 3 à 6 chiffres, ou laissez le champ vide.',
    );
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'brandId',
        'The producer is not an approved member of Made in Jura: apply to the brand first.',
      ),
    ).toBe('Vous n’êtes pas membre accepté de Made in Jura\u00a0: candidatez d’abord auprès de la marque.');
    expect(
      frenchMessage('CONFLICT', undefined, "This product's Tout commence en Finistère label is already pending."),
    ).toBe('Ce produit a déjà une demande de label Tout commence en Finistère\u00a0: «\u00a0En attente\u00a0».');
  });

  it('words the refusals of an invoice marked paid, with the day and status in French', () => {
    expect(frenchMessage('BAD_USER_INPUT', 'paidOn', 'A payment cannot be recorded for a day still to come.')).toBe(
      'Le paiement ne peut pas être daté d’un jour à venir\u00a0: indiquez le jour où il est arrivé.',
    );
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'paidOn',
        'The invoice was issued on 2026-11-25: it cannot have been paid before.',
      ),
    ).toBe('La facture a été émise le 25 novembre 2026\u00a0: elle ne peut pas avoir été payée avant.');
    expect(
      frenchMessage(
        'INVALID_STATE_TRANSITION',
        undefined,
        'Invoice FRV-2026-0001 is paid: only an issued or overdue invoice can be marked paid.',
      ),
    ).toBe(
      'La facture FRV-2026-0001 est «\u00a0Payée\u00a0»\u00a0: seule une facture à payer ou en retard peut être marquée payée. Rechargez la page.',
    );
  });

  it('words the refusals of a credit note (creditInvoice), with the maximum in euros', () => {
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'amountCents',
        'The amount to credit must be more than 0 and at most 1234.50 €: what is left of invoice FRV-2026-0007 once its credit notes are taken off.',
      ),
    ).toBe(
      'Le montant de l’avoir doit être de plus de 0\u00a0€ et d’au plus 1\u202f234,50\u00a0€\u00a0: ce qui reste de la facture FRV-2026-0007 une fois ses avoirs déduits.',
    );
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'reason',
        'Say why the invoice is credited: the reason is printed on the credit note.',
      ),
    ).toBe('Indiquez le motif de l’avoir\u00a0: il est imprimé sur l’avoir que reçoit le client.');
    expect(frenchMessage('BAD_USER_INPUT', 'reason', 'The reason must not exceed 500 characters.')).toBe(
      'Le motif compte au plus 500 caractères.',
    );
    for (const message of [
      'Invoice FRV-2026-0007 is cancelled: nothing is left to credit on it.',
      'Invoice FRV-2026-0007 was wholly credited meanwhile: nothing is left to credit on it.',
    ])
      expect(frenchMessage('INVALID_STATE_TRANSITION', undefined, message)).toBe(
        'La facture FRV-2026-0007 est annulée\u00a0: il n’y reste rien à créditer. Rechargez la page.',
      );
    expect(
      frenchMessage(
        'INVALID_STATE_TRANSITION',
        undefined,
        'Invoice FRV-2026-0007 was paid by card: its money goes back through a refund of the card payment, which issues the credit note.',
      ),
    ).toMatch(/^La facture FRV-2026-0007 a été payée par carte\u00a0: /);
  });

  it('words card orders: a producer not payable, a refused card with its decline code, a part awaiting payment', () => {
    expect(
      frenchMessage(
        'PRODUCER_NOT_PAYABLE',
        undefined,
        'Vergers de la Vienne cannot take card payments yet; pay by invoice or remove its products.',
      ),
    ).toBe(
      'Vergers de la Vienne ne peut pas encore être payé par carte\u00a0: retirez ses produits du panier, ou payez sur facture si vous achetez pour une entreprise.',
    );
    expect(frenchMessage('PAYMENT_FAILED', undefined, 'Stripe refused the payment (insufficient_funds).')).toBe(
      'Le paiement a été refusé (motif\u00a0: insufficient_funds)\u00a0: essayez une autre carte, ou contactez votre banque.',
    );
    expect(frenchMessage('PAYMENT_FAILED', undefined, 'Stripe refused the payment.')).toBe(
      'Le paiement a été refusé par la banque\u00a0: essayez une autre carte.',
    );
    expect(
      frenchMessage(
        'INVALID_STATE_TRANSITION',
        undefined,
        'This card order is not paid yet: it can be confirmed once the buyer has paid (or cancelled).',
      ),
    ).toBe(
      'Cette commande attend encore son paiement par carte\u00a0: vous pourrez la confirmer dès que l’acheteur l’aura payée.',
    );
  });

  it("words delivery days: a missing, closed or past date of the buyer, the producer's weekdays and cut-off, an archived option", () => {
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'deliveries[0].deliveryDate',
        'Choose the delivery date for Ferme du Gué: this option delivers on set days.',
      ),
    ).toBe('Choisissez le jour de livraison de Ferme du Gué.');
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'deliveries[1].deliveryDate',
        'Ferme du Gué does not deliver on 2026-12-13 with this option; choose one of its next delivery dates.',
      ),
    ).toBe(
      'Ferme du Gué ne livre pas le 13 décembre 2026 avec ce mode de livraison\u00a0: choisissez l’une de ses prochaines dates.',
    );
    expect(
      frenchMessage(
        'BAD_USER_INPUT',
        'deliveries[0].deliveryDate',
        'Orders for 2026-12-08 with Ferme du Gué are closed; choose a later delivery date.',
      ),
    ).toBe(
      'Les commandes pour le 8 décembre 2026 sont closes chez Ferme du Gué\u00a0: choisissez une date plus tardive.',
    );
    expect(
      frenchMessage('BAD_USER_INPUT', 'cutoffHours', 'The cut-off is a whole number of hours between 0 and 336.'),
    ).toBe(
      'La fin des commandes est un nombre entier d’heures avant le jour de livraison, de 0 à 336 (deux semaines).',
    );
    expect(frenchMessage('BAD_USER_INPUT', 'weekdays', 'Give each weekday once.')).toBe(
      'Cochez des jours de la semaine, chacun une fois.',
    );
    expect(frenchMessage('INVALID_STATE_TRANSITION', 'id', 'This delivery option is archived; create a new one.')).toBe(
      'Ce mode de livraison est archivé\u00a0: ajoutez-en un nouveau.',
    );
  });

  it('says why a part of a disputed card payment is not cancelled (PAYMENT_DISPUTED)', () => {
    expect(
      frenchMessage('INVALID_STATE_TRANSITION', undefined, 'This payment is disputed: it cannot be refunded.'),
    ).toBe(
      'Le paiement de cette commande est contesté auprès de la banque de l’acheteur\u00a0: elle ne peut plus être annulée ni remboursée. L’issue de la contestation décide de ce qui est rendu.',
    );
  });

  it("keeps the API's own message for an error it does not know", () => {
    expect(frenchMessage('BAD_USER_INPUT', 'somethingNew', 'A new rule.')).toBe('A new rule.');
  });
});
