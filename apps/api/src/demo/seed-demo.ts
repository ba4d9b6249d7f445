import type { INestApplication } from '@nestjs/common';
import {
  DeliveryMode,
  DeliveryOptionService,
  ProductCategory,
  ProductImageService,
  ProductLabelService,
  ProductService,
  ProductUnit,
  localDay,
  type Certification,
} from '@app/catalog';
import {
  AuthService,
  type AuthUser,
  grantPlatformAdmin,
  MediaService,
  OrganizationKind,
  OrganizationService,
  OrganizationVerificationService,
  OrganizationVerificationStatus,
} from '@app/identity';
import {
  CheckoutService,
  InvoiceTermsService,
  OrderLifecycleService,
  PaymentMethod,
  StandingOrderService,
  SupplierOrderStatus,
} from '@app/ordering';
import { CreditNoteService, Invoice } from '@app/payments';
import { UnitOfWork } from '@app/platform';
import { BrandService, saveCommuneCentres } from '@app/territory';
import { demoPicture } from './demo-pictures';
import {
  DEMO_ADMIN,
  DEMO_BRANDS,
  DEMO_BUSINESSES,
  DEMO_CONSUMERS,
  DEMO_ORDERS,
  DEMO_PASSWORD,
  DEMO_STANDING_ORDER,
  type DemoPlace,
} from './demo-territory';

/** Deterministic, valid SIRETs for the demo organizations (Luhn on the SIREN and on the SIRET). */
function demoSiret(n: number): string {
  const withCheckDigit = (digits: string) => {
    for (let check = 0; check <= 9; check++) {
      const candidate = digits + check;
      const sum = [...candidate].reverse().reduce((total, digit, index) => {
        const doubled = index % 2 === 1 ? Number(digit) * 2 : Number(digit);
        return total + (doubled > 9 ? doubled - 9 : doubled);
      }, 0);
      if (sum % 10 === 0) return candidate;
    }
    throw new Error('unreachable');
  };
  return withCheckDigit(`${withCheckDigit(`8${String(10_000_000 + n).slice(1)}`)}0001`);
}

const address = (place: DemoPlace) => ({ ...place });

/** The demo producers' own cap on invoice orders from businesses they never delivered to: 5,000.00 € VAT included. */
const DEMO_NEW_BUYER_INVOICE_CAP_CENTS = 500_000;

/**
 * Seeds the demo territory into an empty embedded database, through the same services the API uses (so every rule
 * applies). Returns the logins to print, or undefined when the demo is already there.
 */
export function seedDemoTerritory(app: INestApplication): Promise<string[] | undefined> {
  const unitOfWork = app.get(UnitOfWork);
  return unitOfWork.run(() => seed(app, unitOfWork));
}

async function seed(app: INestApplication, unitOfWork: UnitOfWork): Promise<string[] | undefined> {
  const auth = app.get(AuthService);
  const organizations = app.get(OrganizationService);
  const verification = app.get(OrganizationVerificationService);
  /** The demo's organizations are its own: support verifies each (issue #20 item 5; a new one waits UNVERIFIED). */
  const verified = (organizationId: string) =>
    verification.decide(admin, organizationId, OrganizationVerificationStatus.VERIFIED, 'Territoire de démonstration.');
  const brands = app.get(BrandService);
  const products = app.get(ProductService);
  const deliveryOptions = app.get(DeliveryOptionService);
  const invoiceTerms = app.get(InvoiceTermsService);
  const labels = app.get(ProductLabelService);
  const media = app.get(MediaService);
  const productImages = app.get(ProductImageService);
  if (await auth.findUserByEmail(DEMO_BRANDS[0].login)) return undefined;

  // Each product's picture, drawn here (its category's colours and its initials), all at once on sharp's threads.
  const pictures = new Map(
    await Promise.all(
      DEMO_BRANDS.flatMap((demo) => demo.producers.flatMap((producer) => producer.products)).map(
        async ([name, category]) => [name, await demoPicture(name, category)] as const,
      ),
    ),
  );

  // The demo's places are commune centres: loading them lets "near Guéret" work without `geo:import`.
  const places = [
    ...DEMO_BRANDS.flatMap((brand) => [brand.place, ...brand.producers.map((producer) => producer.place)]),
    ...DEMO_BUSINESSES.map((business) => business.place),
  ];
  const centres = new Map(
    places.map((place) => [
      place.inseeCode,
      { inseeCode: place.inseeCode, latitude: place.latitude, longitude: place.longitude },
    ]),
  );
  await saveCommuneCentres(unitOfWork.em, [...centres.values()]);

  /** What the demo orders need to name: each producer's people, products and delivery options; each business. */
  const producers = new Map<
    string,
    { farmer: AuthUser; farmId: string; products: Map<string, string>; pickup: string; van?: string }
  >();
  const businesses = new Map<string, { buyer: AuthUser; organizationId: string }>();
  const optionDays = new Map<string, { weekdays: number[]; cutoffHours: number }>();
  let siretCounter = 0;
  // Phone numbers from the 01 99 00 range, reserved by ARCEP for fiction: the demo shows whom to call, nobody is called.
  let phoneCounter = 0;
  const demoPhone = (): string => `+33199000${String(++phoneCounter).padStart(3, '0')}`;
  const account = async (email: string, displayName: string): Promise<AuthUser> => {
    const { user } = await auth.register({ email, password: DEMO_PASSWORD, displayName });
    await auth.markEmailVerified(user.id);
    return { id: user.id, email: user.email, isPlatformAdmin: false };
  };

  // Support, a platform admin: it verifies the demo brands (a new brand decides on nothing until verified).
  const support = await account(DEMO_ADMIN.login, DEMO_ADMIN.person);
  await grantPlatformAdmin(unitOfWork, support.email);
  const admin: AuthUser = { ...support, isPlatformAdmin: true };

  for (const demo of DEMO_BRANDS) {
    const manager = await account(demo.login, demo.person);
    const brandOrganization = await organizations.create(manager, {
      kind: OrganizationKind.BRAND,
      name: demo.organization,
      address: address(demo.place),
    });
    await verified(brandOrganization.id);
    const brand = await brands.create(manager, {
      organizationId: brandOrganization.id,
      name: demo.name,
      slug: demo.slug,
      departmentCodes: demo.departmentCodes,
      charter: demo.charter,
    });
    await brands.verify(admin, brand.id);
    for (const producer of demo.producers) {
      const farmer = await account(producer.login, producer.person);
      const farm = await organizations.create(farmer, {
        kind: OrganizationKind.PRODUCER,
        name: producer.name,
        siret: demoSiret(++siretCounter),
        address: address(producer.place),
      });
      await verified(farm.id);
      await organizations.update(farmer, farm.id, {
        description: `${producer.name} produit et vend en circuit court, membre de la marque «\u00a0${demo.name}\u00a0». Retrait à la ferme, livraison ou messagerie.`,
        phone: demoPhone(),
        contactEmail: producer.login,
      });
      // Issue #20: the demo's businesses order more by invoice than the platform's cap for new buyers (300 €) from
      // producers that never delivered to them; the demo's producers trust them further, with a cap of their own.
      await invoiceTerms.update(farmer, farm.id, { newBuyerInvoiceCapCents: DEMO_NEW_BUYER_INVOICE_CAP_CENTS });
      const membership = await brands.apply(
        farmer,
        brand.id,
        farm.id,
        `${producer.name} souhaite rejoindre ${demo.name}.`,
      );
      await brands.decideMembership(manager, membership.id, true, 'Bienvenue dans la marque.');
      // Delivery days: the van goes out on Tuesdays and Fridays, the farm opens for pickups on Wednesdays and
      // Saturdays; orders close the day before. The carrier has no days (any day, no date asked).
      const pickup = await deliveryOptions.create(farmer, {
        producerId: farm.id,
        mode: DeliveryMode.PICKUP,
        label: 'Retrait à la ferme',
        weekdays: [3, 6],
        cutoffHours: 24,
        address: `${producer.place.line1}, ${producer.place.postalCode}`,
        openingHours: 'Mercredi et samedi, 9 h – 12 h',
      });
      const van = producer.van
        ? await deliveryOptions.create(farmer, {
            producerId: farm.id,
            mode: DeliveryMode.PRODUCER_DELIVERY,
            label: 'Livraison par nos soins',
            weekdays: [2, 5],
            cutoffHours: 24,
            ...producer.van,
          })
        : undefined;
      const seeded = { farmer, farmId: farm.id, products: new Map<string, string>(), pickup: pickup.id, van: van?.id };
      for (const option of [pickup, van]) if (option) optionDays.set(option.id, option);
      producers.set(producer.name, seeded);
      await deliveryOptions.create(farmer, {
        producerId: farm.id,
        mode: DeliveryMode.CARRIER,
        label: 'Messagerie',
        vehicleId: 'porteur_19t_diesel_messagerie',
        feeCents: 1900,
      });
      for (const [
        name,
        category,
        unit,
        unitMassKg,
        priceCents,
        vatRate,
        stock,
        certifications,
        tiers,
      ] of producer.products) {
        const product = await products.create(farmer, {
          producerId: farm.id,
          name,
          description: `${name}, de ${producer.name}.`,
          category: category as ProductCategory,
          unit: unit as ProductUnit,
          unitMassKg,
          priceCents,
          vatRate,
          stock,
          certifications: certifications as Certification[],
          b2bPriceTiers: (tiers ?? []).map(([minQuantity, unitPriceCents]) => ({ minQuantity, unitPriceCents })),
        });
        seeded.products.set(name, product.id);
        const picture = await media.store(farm.id, pictures.get(name)!, farmer.id);
        await productImages.add(
          farmer,
          product.id,
          picture.id,
          `${name}\u00a0: illustration aux couleurs de son rayon`,
        );
        const label = await labels.request(farmer, product.id, brand.id);
        await labels.decide(manager, label.id, true, 'Conforme à la charte.');
      }
    }
  }
  for (const business of DEMO_BUSINESSES) {
    const buyer = await account(business.login, business.person);
    const organization = await organizations.create(buyer, {
      kind: OrganizationKind.BUSINESS,
      name: business.name,
      siret: demoSiret(++siretCounter),
      address: address(business.place),
    });
    await verified(organization.id);
    await organizations.update(buyer, organization.id, { phone: demoPhone(), contactEmail: business.login });
    businesses.set(business.login, { buyer, organizationId: organization.id });
  }
  for (const consumer of DEMO_CONSUMERS) await account(consumer.login, consumer.person);

  // A few orders, paid by invoice (the embedded mode takes no cards), at different stages of their life.
  const checkout = app.get(CheckoutService);
  const lifecycle = app.get(OrderLifecycleService);
  const credits: { supplierOrderId: string; amountCents: number; reason: string; sourceKey: string }[] = [];
  for (const [index, demo] of DEMO_ORDERS.entries()) {
    const { buyer, organizationId } = businesses.get(demo.business)!;
    const order = await checkout.placeOrder(buyer, {
      buyerOrganizationId: organizationId,
      lines: demo.deliveries.flatMap(({ producer, lines }) =>
        lines.map(([product, quantity]) => ({ productId: producers.get(producer)!.products.get(product)!, quantity })),
      ),
      // Each part on its option's first open day (the next after it for every other order), so the producers'
      // pages show days to prepare.
      deliveries: demo.deliveries.map(({ producer, by }) => {
        const seeded = producers.get(producer)!;
        const deliveryOptionId = by === 'VAN' ? seeded.van! : seeded.pickup;
        const day = demo.day ?? index % 2;
        return {
          producerId: seeded.farmId,
          deliveryOptionId,
          deliveryDate: deliveryOptions.datesOf(optionDays.get(deliveryOptionId)!, day + 1)[day],
        };
      }),
      paymentMethod: PaymentMethod.INVOICE,
      idempotencyKey: `demo-order-${index + 1}`,
    });
    const steps = {
      PLACED: [],
      CONFIRMED: [SupplierOrderStatus.CONFIRMED],
      DELIVERED: [
        SupplierOrderStatus.CONFIRMED,
        SupplierOrderStatus.READY,
        SupplierOrderStatus.SHIPPED,
        SupplierOrderStatus.DELIVERED,
      ],
    }[demo.progress];
    for (const part of order.supplierOrders) {
      const farmer = [...producers.values()].find((seeded) => seeded.farmId === part.producerId)!.farmer;
      for (const status of steps) {
        const odometerKm =
          status === SupplierOrderStatus.DELIVERED && part.delivery.mode === DeliveryMode.PRODUCER_DELIVERY
            ? demo.odometerKm
            : undefined;
        await lifecycle.updateSupplierOrderStatus(farmer, part.id, status, odometerKm);
      }
      if (demo.credit && producers.get(demo.credit.producer)!.farmId === part.producerId) {
        credits.push({
          supplierOrderId: part.id,
          amountCents: demo.credit.amountCents,
          reason: demo.credit.reason,
          sourceKey: `demo-credit:${index + 1}`,
        });
      }
    }
  }
  await creditDeliveredInvoices(app, unitOfWork, credits);

  // A restaurant's standing order: the job places each Friday's delivery in the day before its orders close.
  const standing = businesses.get(DEMO_STANDING_ORDER.business)!;
  await app.get(StandingOrderService).create(standing.buyer, {
    buyerOrganizationId: standing.organizationId,
    name: DEMO_STANDING_ORDER.name,
    lines: DEMO_STANDING_ORDER.deliveries.flatMap(({ producer, lines }) =>
      lines.map(([product, quantity]) => ({ productId: producers.get(producer)!.products.get(product)!, quantity })),
    ),
    deliveries: DEMO_STANDING_ORDER.deliveries.map(({ producer }) => ({
      producerId: producers.get(producer)!.farmId,
      deliveryOptionId: producers.get(producer)!.van!,
    })),
    weekdays: DEMO_STANDING_ORDER.weekdays,
    startsOn: localDay(new Date(Date.now() + DEMO_STANDING_ORDER.startsInDays * 86_400_000)),
  });

  return [
    `${DEMO_ADMIN.login} (platform admin: /admin)`,
    ...DEMO_BRANDS.map((brand) => `${brand.login} (brand manager, ${brand.name})`),
    ...DEMO_BRANDS.flatMap((brand) =>
      brand.producers.map((producer) => `${producer.login} (producer, ${producer.name})`),
    ),
    ...DEMO_BUSINESSES.map((business) => `${business.login} (business, ${business.name})`),
    ...DEMO_CONSUMERS.map((consumer) => `${consumer.login} (consumer)`),
  ];
}

/**
 * The demo's credit note: once the delivered part's invoice is issued (by the in-process job that invoices
 * deliveries, a moment after), part of it is given back, as a producer does for goods damaged in delivery.
 */
async function creditDeliveredInvoices(
  app: INestApplication,
  unitOfWork: UnitOfWork,
  credits: { supplierOrderId: string; amountCents: number; reason: string; sourceKey: string }[],
): Promise<void> {
  const creditNotes = app.get(CreditNoteService);
  for (const credit of credits) {
    for (
      let waited = 0;
      !(await unitOfWork.em.count(Invoice, { supplierOrderId: credit.supplierOrderId }));
      waited += 100
    ) {
      if (waited > 30_000)
        throw new Error(`The demo invoice of supplier order ${credit.supplierOrderId} was not issued within 30 s.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await unitOfWork.transactional((em) => creditNotes.creditRefund(em, credit));
  }
}
