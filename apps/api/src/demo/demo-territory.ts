/**
 * The demo territory of the embedded `npm start`: three territory brands, their producers in real communes
 * (coordinates of the commune centres, INSEE 2024), the local businesses that buy from them, and two consumers.
 * Everything here is invented except the places.
 */
type Category =
  | 'FRESH_VEGETABLES'
  | 'FRESH_FRUITS'
  | 'MEAT_CHARCUTERIE'
  | 'DAIRY_CHEESE'
  | 'EGGS'
  | 'BAKERY'
  | 'BEVERAGES'
  | 'DRY_GROCERIES'
  | 'CRAFTS_NON_FOOD';

export interface DemoPlace {
  line1: string;
  postalCode: string;
  inseeCode: string;
  latitude: number;
  longitude: number;
}

/** [name, category, unit, unit mass kg (null for KG), price cents excl. VAT, VAT rate, stock, certifications, B2B tiers] */
export type DemoProduct = [
  string,
  Category,
  'KG' | 'PIECE' | 'LITRE',
  number | null,
  number,
  number,
  number,
  string[],
  [number, number][]?,
];

export interface DemoProducer {
  login: string;
  person: string;
  name: string;
  place: DemoPlace;
  products: DemoProduct[];
  /** The producer's van, if it delivers. */
  van?: { vehicleId: string; maxDistanceKm: number; feeCents: number; minOrderCents: number };
}

export interface DemoBrand {
  login: string;
  person: string;
  organization: string;
  name: string;
  slug: string;
  departmentCodes: string[];
  charter: string;
  place: DemoPlace;
  producers: DemoProducer[];
}

export const DEMO_PASSWORD = 'territoire-demo-2026';

const place = (
  line1: string,
  postalCode: string,
  inseeCode: string,
  latitude: number,
  longitude: number,
): DemoPlace => ({ line1, postalCode, inseeCode, latitude, longitude });

export const DEMO_BRANDS: DemoBrand[] = [
  {
    login: 'marque@madeinjura.example',
    person: 'Hélène Vuillermoz',
    organization: 'Association Made in Jura',
    name: 'Made in Jura',
    slug: 'made-in-jura',
    departmentCodes: ['39'],
    charter: 'Produit, transformé ou conçu dans le Jura, par une entreprise jurassienne.',
    place: place('17 rue Rouget de Lisle', '39000', '39300', 46.67579, 5.55745),
    producers: [
      {
        login: 'fromagerie@revermont.example',
        person: 'Paul Jeunet',
        name: 'Fromagerie du Revermont',
        place: place('4 route de Lons', '39800', '39434', 46.8263, 5.71671),
        van: { vehicleId: 'vul_diesel_frigo', maxDistanceKm: 80, feeCents: 1500, minOrderCents: 6000 },
        products: [
          [
            'Comté AOP 18 mois',
            'DAIRY_CHEESE',
            'KG',
            null,
            2150,
            0.055,
            120,
            ['AOP'],
            [
              [5, 1950],
              [20, 1800],
            ],
          ],
          ['Comté AOP 30 mois', 'DAIRY_CHEESE', 'KG', null, 2890, 0.055, 60, ['AOP'], [[5, 2650]]],
          ['Morbier AOP', 'DAIRY_CHEESE', 'KG', null, 1690, 0.055, 45, ['AOP'], [[5, 1550]]],
          ['Bleu de Gex AOP', 'DAIRY_CHEESE', 'KG', null, 1890, 0.055, 25, ['AOP'], []],
          ['Beurre cru de baratte 250 g', 'DAIRY_CHEESE', 'PIECE', 0.26, 390, 0.055, 200, [], [[24, 340]]],
        ],
      },
      {
        login: 'domaine@lapinte.example',
        person: 'Claire Bourdy',
        name: 'Domaine de la Pinte',
        place: place('Route de Lyon', '39600', '39013', 46.88762, 5.77304),
        van: { vehicleId: 'vul_diesel', maxDistanceKm: 100, feeCents: 2000, minOrderCents: 15000 },
        products: [
          ['Vin jaune 62 cl', 'BEVERAGES', 'PIECE', 1.25, 3200, 0.2, 180, ['AB', 'AOP'], [[12, 2900]]],
          ['Savagnin ouillé 75 cl', 'BEVERAGES', 'PIECE', 1.3, 1650, 0.2, 240, ['AB', 'AOP'], [[12, 1480]]],
          ['Crémant du Jura 75 cl', 'BEVERAGES', 'PIECE', 1.6, 1250, 0.2, 300, ['AB', 'AOP'], [[12, 1120]]],
          ['Poulsard 75 cl', 'BEVERAGES', 'PIECE', 1.3, 1390, 0.2, 200, ['AB', 'AOP'], []],
          ['Macvin du Jura 75 cl', 'BEVERAGES', 'PIECE', 1.35, 2100, 0.2, 90, ['AOP'], []],
        ],
      },
      {
        login: 'ferme@lesrousses.example',
        person: 'Jean-Luc Cretin',
        name: 'Ferme des Rousses',
        place: place('Chemin des Bois', '39300', '39097', 46.74234, 5.89384),
        van: { vehicleId: 'vul_diesel_frigo', maxDistanceKm: 60, feeCents: 1200, minOrderCents: 5000 },
        products: [
          ['Saucisse de Morteau IGP', 'MEAT_CHARCUTERIE', 'PIECE', 0.38, 620, 0.055, 150, ['IGP'], [[20, 560]]],
          ['Jambon fumé du Haut-Doubs', 'MEAT_CHARCUTERIE', 'KG', null, 3400, 0.055, 30, [], []],
          ['Terrine de campagne 200 g', 'MEAT_CHARCUTERIE', 'PIECE', 0.28, 560, 0.055, 80, [], []],
          ['Viande de génisse montbéliarde, colis 5 kg', 'MEAT_CHARCUTERIE', 'PIECE', 5.2, 8900, 0.055, 12, [], []],
          ['Lait cru entier 1 L', 'DAIRY_CHEESE', 'LITRE', 1.05, 120, 0.055, 300, [], [[30, 100]]],
        ],
      },
      {
        login: 'rucher@hautjura.example',
        person: 'Sophie Grenard',
        name: 'Rucher du Haut-Jura',
        place: place('La Serra', '39200', '39478', 46.40978, 5.88023),
        products: [
          ['Miel de sapin 500 g', 'DRY_GROCERIES', 'PIECE', 0.62, 1190, 0.055, 140, ['AB'], [[12, 1050]]],
          ['Miel de montagne 500 g', 'DRY_GROCERIES', 'PIECE', 0.62, 990, 0.055, 160, ['AB'], [[12, 880]]],
          ['Pain d’épices au miel 400 g', 'BAKERY', 'PIECE', 0.45, 720, 0.055, 60, ['AB'], []],
          ['Bougie en cire d’abeille', 'CRAFTS_NON_FOOD', 'PIECE', 0.2, 850, 0.2, 90, [], []],
          ['Pollen frais 250 g', 'DRY_GROCERIES', 'PIECE', 0.3, 1390, 0.055, 40, ['AB'], []],
        ],
      },
    ],
  },
  {
    login: 'marque@cestcreusois.example',
    person: 'Marc Lemaigre',
    organization: "Association C'est creusois",
    name: "C'est creusois",
    slug: 'cest-creusois',
    departmentCodes: ['23'],
    charter: 'Des produits et savoir-faire de la Creuse, fabriqués en Creuse.',
    place: place('1 place Bonnyaud', '23000', '23096', 46.15847, 1.87047),
    producers: [
      {
        login: 'maraicher@souterraine.example',
        person: 'Nadia Roux',
        name: 'Les Jardins de la Souterraine',
        place: place('Lieu-dit Les Prades', '23300', '23176', 46.23077, 1.47435),
        van: { vehicleId: 'vul_electrique', maxDistanceKm: 50, feeCents: 800, minOrderCents: 4000 },
        products: [
          ['Pommes de terre nouvelles', 'FRESH_VEGETABLES', 'KG', null, 180, 0.055, 800, ['AB'], [[25, 150]]],
          ['Carottes des Combrailles', 'FRESH_VEGETABLES', 'KG', null, 220, 0.055, 400, ['AB'], [[20, 180]]],
          ['Salade batavia', 'FRESH_VEGETABLES', 'PIECE', 0.35, 120, 0.055, 150, ['AB'], [[30, 95]]],
          ['Potimarron', 'FRESH_VEGETABLES', 'KG', null, 260, 0.055, 300, ['AB'], []],
          ['Panier de légumes de saison 5 kg', 'FRESH_VEGETABLES', 'PIECE', 5.3, 1700, 0.055, 40, ['AB'], []],
        ],
      },
      {
        login: 'elevage@bourganeuf.example',
        person: 'Olivier Tixier',
        name: 'Élevage du Thaurion',
        place: place('Le Puy', '23400', '23030', 45.94721, 1.74662),
        van: { vehicleId: 'vul_diesel_frigo', maxDistanceKm: 90, feeCents: 1800, minOrderCents: 8000 },
        products: [
          ['Bœuf limousin, colis 5 kg', 'MEAT_CHARCUTERIE', 'PIECE', 5.2, 8500, 0.055, 20, ['LABEL_ROUGE'], []],
          ['Entrecôte limousine', 'MEAT_CHARCUTERIE', 'KG', null, 3290, 0.055, 25, ['LABEL_ROUGE'], [[5, 2990]]],
          ['Steak haché 15 % (x4)', 'MEAT_CHARCUTERIE', 'PIECE', 0.52, 890, 0.055, 90, ['LABEL_ROUGE'], [[20, 790]]],
          ['Veau de lait, rôti', 'MEAT_CHARCUTERIE', 'KG', null, 2690, 0.055, 18, [], []],
          ['Pâté creusois 180 g', 'MEAT_CHARCUTERIE', 'PIECE', 0.25, 590, 0.055, 70, [], []],
        ],
      },
      {
        login: 'vergers@boussac.example',
        person: 'Chantal Aufort',
        name: 'Les Vergers de Boussac',
        place: place('Route de Gouzon', '23600', '23031', 46.34823, 2.22161),
        products: [
          ['Pommes Reinette grise', 'FRESH_FRUITS', 'KG', null, 290, 0.055, 600, ['HVE'], [[20, 240]]],
          ['Poires Conférence', 'FRESH_FRUITS', 'KG', null, 340, 0.055, 300, ['HVE'], [[20, 290]]],
          ['Jus de pomme 1 L', 'BEVERAGES', 'LITRE', 1.55, 320, 0.055, 400, ['HVE'], [[24, 270]]],
          ['Compote pomme-poire 700 g', 'DRY_GROCERIES', 'PIECE', 0.95, 450, 0.055, 120, [], []],
          ['Cidre brut 75 cl', 'BEVERAGES', 'PIECE', 1.45, 480, 0.2, 200, [], [[12, 420]]],
        ],
      },
      {
        login: 'fournil@felletin.example',
        person: 'Yann Lépinoux',
        name: 'Le Fournil de Felletin',
        place: place('12 Grande Rue', '23500', '23079', 45.89425, 2.187),
        van: { vehicleId: 'vul_diesel', maxDistanceKm: 40, feeCents: 600, minOrderCents: 3000 },
        products: [
          ['Pain de campagne au levain 1 kg', 'BAKERY', 'PIECE', 1.0, 520, 0.055, 60, ['AB'], [[10, 460]]],
          ['Creusois aux noisettes', 'BAKERY', 'PIECE', 0.45, 1090, 0.055, 40, [], [[10, 960]]],
          ['Tourte de seigle 800 g', 'BAKERY', 'PIECE', 0.8, 480, 0.055, 50, ['AB'], []],
          ['Brioche tressée', 'BAKERY', 'PIECE', 0.5, 650, 0.055, 30, [], []],
          ['Farine de sarrasin 1 kg', 'DRY_GROCERIES', 'PIECE', 1.02, 390, 0.055, 100, ['AB'], []],
        ],
      },
    ],
  },
  {
    login: 'marque@toutcommenceenfinistere.example',
    person: 'Gwenaëlle Le Gall',
    organization: 'Finistère Attractivité',
    name: 'Tout commence en Finistère',
    slug: 'tout-commence-en-finistere',
    departmentCodes: ['29'],
    charter: 'Des entreprises du Finistère qui font rayonner le territoire.',
    place: place('32 quai Dupleix', '29000', '29232', 47.99816, -4.09721),
    producers: [
      {
        login: 'maraichers@plougastel.example',
        person: 'Erwan Kerouanton',
        name: 'Les Maraîchers de Plougastel',
        place: place('Kervéguen', '29470', '29189', 48.36286, -4.39114),
        van: { vehicleId: 'vul_diesel_frigo', maxDistanceKm: 80, feeCents: 1500, minOrderCents: 5000 },
        products: [
          ['Fraises de Plougastel 500 g', 'FRESH_FRUITS', 'PIECE', 0.55, 590, 0.055, 200, [], [[20, 520]]],
          ['Tomates cœur de bœuf', 'FRESH_VEGETABLES', 'KG', null, 420, 0.055, 250, [], [[10, 360]]],
          ['Échalotes de Bretagne', 'FRESH_VEGETABLES', 'KG', null, 380, 0.055, 150, [], []],
          ['Artichauts camus', 'FRESH_VEGETABLES', 'PIECE', 0.45, 150, 0.055, 300, [], [[24, 120]]],
          ['Choux-fleurs', 'FRESH_VEGETABLES', 'PIECE', 1.1, 220, 0.055, 200, [], []],
        ],
      },
      {
        login: 'biscuiterie@concarneau.example',
        person: 'Maïwenn Rannou',
        name: 'Biscuiterie de la Ville Close',
        place: place('Quai Peneroff', '29900', '29039', 47.89768, -3.8993),
        products: [
          ['Galettes pur beurre 250 g', 'BAKERY', 'PIECE', 0.3, 390, 0.055, 300, [], [[24, 340]]],
          ['Palets bretons 250 g', 'BAKERY', 'PIECE', 0.3, 420, 0.055, 300, [], [[24, 360]]],
          ['Kouign-amann 400 g', 'BAKERY', 'PIECE', 0.45, 890, 0.055, 60, [], []],
          ['Caramel au beurre salé 220 g', 'DRY_GROCERIES', 'PIECE', 0.38, 620, 0.055, 150, [], [[12, 550]]],
          ['Crêpes dentelle 125 g', 'BAKERY', 'PIECE', 0.16, 350, 0.055, 200, [], []],
        ],
      },
      {
        login: 'cidrerie@fouesnant.example',
        person: 'Loïc Guéguen',
        name: 'Cidrerie de Fouesnant',
        place: place('Kerlévénez', '29170', '29058', 47.84445, -4.04038),
        van: { vehicleId: 'vul_diesel', maxDistanceKm: 70, feeCents: 1500, minOrderCents: 10000 },
        products: [
          ['Cidre de Cornouaille AOP 75 cl', 'BEVERAGES', 'PIECE', 1.45, 550, 0.2, 400, ['AOP'], [[12, 480]]],
          ['Pommeau de Bretagne 70 cl', 'BEVERAGES', 'PIECE', 1.35, 1490, 0.2, 120, ['AOP'], []],
          ['Jus de pomme pétillant 75 cl', 'BEVERAGES', 'PIECE', 1.4, 390, 0.055, 200, ['AB'], [[12, 340]]],
          ['Vinaigre de cidre 50 cl', 'DRY_GROCERIES', 'PIECE', 0.8, 420, 0.055, 100, ['AB'], []],
          ['Chouchen 75 cl', 'BEVERAGES', 'PIECE', 1.45, 1290, 0.2, 90, [], []],
        ],
      },
      {
        login: 'conserverie@douarnenez.example',
        person: 'Anne Le Bihan',
        name: 'Conserverie du Rosmeur',
        place: place('Port du Rosmeur', '29100', '29046', 48.07932, -4.32434),
        products: [
          ['Sardines à l’huile d’olive 115 g', 'DRY_GROCERIES', 'PIECE', 0.16, 420, 0.055, 500, [], [[48, 360]]],
          ['Rillettes de maquereau 90 g', 'DRY_GROCERIES', 'PIECE', 0.14, 490, 0.055, 300, [], [[24, 430]]],
          ['Thon blanc germon 160 g', 'DRY_GROCERIES', 'PIECE', 0.22, 690, 0.055, 200, [], []],
          ['Soupe de poissons 780 g', 'DRY_GROCERIES', 'PIECE', 1.0, 790, 0.055, 120, [], [[12, 690]]],
          ['Algues en paillettes 40 g', 'DRY_GROCERIES', 'PIECE', 0.08, 560, 0.055, 80, ['AB'], []],
        ],
      },
      {
        login: 'ferme@landerneau.example',
        person: 'Yves Morvan',
        name: 'Ferme avicole du Pont',
        place: place('Kerlaouénan', '29800', '29103', 48.44937, -4.26609),
        van: { vehicleId: 'vul_diesel', maxDistanceKm: 60, feeCents: 900, minOrderCents: 4000 },
        products: [
          ['Œufs plein air (x12)', 'EGGS', 'PIECE', 0.78, 420, 0.055, 300, ['LABEL_ROUGE'], [[30, 360]]],
          ['Œufs bio (x6)', 'EGGS', 'PIECE', 0.4, 290, 0.055, 250, ['AB'], [[30, 250]]],
          ['Poulet fermier Label Rouge', 'MEAT_CHARCUTERIE', 'KG', null, 1090, 0.055, 60, ['LABEL_ROUGE'], [[10, 980]]],
          ['Plateau 30 œufs (restauration)', 'EGGS', 'PIECE', 1.9, 950, 0.055, 80, [], [[10, 880]]],
          ['Pintade fermière', 'MEAT_CHARCUTERIE', 'KG', null, 1390, 0.055, 30, ['LABEL_ROUGE'], []],
        ],
      },
    ],
  },
];

export const DEMO_BUSINESSES = [
  {
    login: 'chef@lecomtois.example',
    person: 'Julie Faivre',
    name: 'Restaurant Le Comtois',
    place: place('5 rue du Commerce', '39000', '39300', 46.67579, 5.55745),
  },
  {
    login: 'epicerie@gueret.example',
    person: 'Karim Benali',
    name: 'Épicerie du Marché, Guéret',
    place: place('8 place du Marché', '23000', '23096', 46.15847, 1.87047),
  },
  {
    login: 'cantine@quimper.example',
    person: 'Morgane Guillou',
    name: 'Cantine scolaire de Kerfeunteun',
    place: place('Rue de Kerfeunteun', '29000', '29232', 47.99816, -4.09721),
  },
  {
    login: 'restauration@arsenal-brest.example',
    person: 'Thomas Le Roux',
    name: "Restaurant d'entreprise du port de Brest",
    place: place('Quai de la Douane', '29200', '29019', 48.40844, -4.49959),
  },
  {
    login: 'hotel@dole.example',
    person: 'Isabelle Monnier',
    name: 'Hôtel de la Collégiale, Dole',
    place: place('2 rue de la Sous-Préfecture', '39100', '39198', 47.07391, 5.50237),
  },
  // Three restaurants around Arbois, a few km from the Domaine de la Pinte: its van's pooled round (CARBON-METHOD §7.3).
  {
    login: 'cuisine@caveau-arbois.example',
    person: 'Romain Pasteur',
    name: "Le Caveau d'Arbois",
    place: place('3 route de Besançon', '39600', '39013', 46.9036, 5.7744),
  },
  {
    login: 'table@pupillin.example',
    person: 'Anne Overnoy',
    name: 'La Table de Pupillin',
    place: place('Rue du Ploussard', '39600', '39446', 46.8838, 5.7478),
  },
  {
    login: 'auberge@mesnay.example',
    person: 'Denis Rolet',
    name: 'Auberge de Mesnay',
    place: place('Grande Rue', '39600', '39325', 46.8967, 5.8075),
  },
];

/** The platform's support: a platform admin (the `/admin` pages), who verified the demo brands. */
export const DEMO_ADMIN = { login: 'support@ancrage.example', person: 'Claire Support' };

export const DEMO_CONSUMERS = [
  { login: 'marie.dupont@example.org', person: 'Marie Dupont' },
  { login: 'lucas.martin@example.org', person: 'Lucas Martin' },
];

/** A demo order: a business buys from producers of its territory, and the order got as far as `progress`. */
export interface DemoOrder {
  business: string;
  deliveries: { producer: string; by: 'VAN' | 'PICKUP'; lines: [product: string, quantity: number][] }[];
  progress: 'PLACED' | 'CONFIRMED' | 'DELIVERED';
  /** One-way kilometres the producers report at delivery. */
  odometerKm?: number;
  /** Which of its options' next open days (0 = the first); by default the first or the second, every other order. */
  day?: number;
  /** Part of a producer's invoice given back once delivered: a credit note (avoir) against it. */
  credit?: { producer: string; amountCents: number; reason: string };
}

export const DEMO_ORDERS: DemoOrder[] = [
  {
    business: 'chef@lecomtois.example',
    deliveries: [
      {
        producer: 'Fromagerie du Revermont',
        by: 'VAN',
        lines: [
          ['Comté AOP 18 mois', 6],
          ['Beurre cru de baratte 250 g', 20],
        ],
      },
      {
        producer: 'Ferme des Rousses',
        by: 'VAN',
        lines: [
          ['Saucisse de Morteau IGP', 20],
          ['Jambon fumé du Haut-Doubs', 2.5],
        ],
      },
    ],
    progress: 'DELIVERED',
    odometerKm: 24,
    credit: {
      producer: 'Fromagerie du Revermont',
      amountCents: 650,
      reason: 'Deux plaquettes de beurre abîmées à la livraison',
    },
  },
  {
    business: 'hotel@dole.example',
    deliveries: [
      {
        producer: 'Domaine de la Pinte',
        by: 'VAN',
        lines: [
          ['Crémant du Jura 75 cl', 12],
          ['Savagnin ouillé 75 cl', 6],
        ],
      },
    ],
    progress: 'CONFIRMED',
  },
  {
    business: 'epicerie@gueret.example',
    deliveries: [
      {
        producer: 'Les Jardins de la Souterraine',
        by: 'VAN',
        lines: [
          ['Carottes des Combrailles', 15],
          ['Potimarron', 10],
          ['Salade batavia', 24],
        ],
      },
      {
        producer: 'Le Fournil de Felletin',
        by: 'PICKUP',
        lines: [
          ['Pain de campagne au levain 1 kg', 10],
          ['Creusois aux noisettes', 6],
        ],
      },
    ],
    progress: 'DELIVERED',
    odometerKm: 33,
  },
  {
    business: 'cantine@quimper.example',
    deliveries: [
      { producer: 'Ferme avicole du Pont', by: 'VAN', lines: [['Œufs plein air (x12)', 30]] },
      {
        producer: 'Les Maraîchers de Plougastel',
        by: 'VAN',
        lines: [
          ['Choux-fleurs', 20],
          ['Échalotes de Bretagne', 5],
        ],
      },
    ],
    progress: 'PLACED',
  },
  // The Domaine de la Pinte's van on its third open day: three Arbois restaurants' orders in one planned round, whose
  // short tour (about 15 km driven) shares its emissions among them: each saves carbon against the conventional chain,
  // where the dedicated trips above emit more than it (CARBON-METHOD §7.3, ADEME's pooling caveat).
  {
    business: 'cuisine@caveau-arbois.example',
    deliveries: [
      {
        producer: 'Domaine de la Pinte',
        by: 'VAN',
        lines: [
          ['Crémant du Jura 75 cl', 24],
          ['Savagnin ouillé 75 cl', 24],
        ],
      },
    ],
    progress: 'CONFIRMED',
    day: 2,
  },
  {
    business: 'table@pupillin.example',
    deliveries: [
      {
        producer: 'Domaine de la Pinte',
        by: 'VAN',
        lines: [
          ['Savagnin ouillé 75 cl', 24],
          ['Vin jaune 62 cl', 12],
        ],
      },
    ],
    progress: 'CONFIRMED',
    day: 2,
  },
  {
    business: 'auberge@mesnay.example',
    deliveries: [
      {
        producer: 'Domaine de la Pinte',
        by: 'VAN',
        lines: [
          ['Savagnin ouillé 75 cl', 24],
          ['Macvin du Jura 75 cl', 12],
        ],
      },
    ],
    progress: 'PLACED',
    day: 2,
  },
];

/** The demo restaurant's standing order: cheese and butter on Fridays (the dairy's van goes out on Tuesdays and Fridays). */
export const DEMO_STANDING_ORDER = {
  business: 'chef@lecomtois.example',
  name: 'Fromages et beurre du vendredi',
  weekdays: [5],
  /** It starts in a week: its first Friday is placed on the Wednesday before. */
  startsInDays: 7,
  deliveries: [
    {
      producer: 'Fromagerie du Revermont',
      by: 'VAN' as const,
      lines: [
        ['Comté AOP 18 mois', 6],
        ['Beurre cru de baratte 250 g', 20],
      ] as [string, number][],
    },
  ],
};
