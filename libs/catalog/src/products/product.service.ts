import { Injectable } from '@nestjs/common';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AccessPolicy, type AuthUser, freeSlug, type Organization, OrganizationKind } from '@app/identity';
import { AppError, ErrorCode, isUuid, UnitOfWork } from '@app/platform';
import { CatalogProducer } from '../entities/catalog-producer.entity';
import { type Certification, Product, type ProductCategory, ProductUnit } from '../entities/product.entity';
import { toThousandths } from '../quantity';
import {
  checkedCents,
  checkedCertifications,
  checkedText,
  checkedTiers,
  checkedUnitMass,
  checkedCiqualCode,
  searchTextOf,
  vatRateBasisPoints,
} from './product-rules';

export interface CreateProductValues {
  producerId: string;
  name: string;
  description?: string | null;
  category: ProductCategory;
  ciqualCode?: string | null;
  unit: ProductUnit;
  unitMassKg?: number | null;
  priceCents: number;
  vatRate: number;
  b2bPriceTiers?: { minQuantity: number; unitPriceCents: number }[] | null;
  stock: number;
  minOrderQuantity?: number | null;
  certifications?: Certification[] | null;
}

export type UpdateProductValues = {
  [Key in keyof Omit<CreateProductValues, 'producerId' | 'unit'>]?: CreateProductValues[Key] | null;
} & {
  active?: boolean | null;
  /** The version the editor read; a later edit in between answers CONFLICT. */
  expectedVersion?: number | null;
};

@Injectable()
export class ProductService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
  ) {}

  async create(user: AuthUser, input: CreateProductValues): Promise<Product> {
    const producer = await this.policy.assertMember(user, input.producerId, { kinds: [OrganizationKind.PRODUCER] });
    const name = checkedText(input.name, 'name', 200);
    const description = checkedText(input.description ?? '', 'description', 5000, { allowEmpty: true });
    const wholeUnits = input.unit === ProductUnit.PIECE;
    const values = {
      producerId: producer.id,
      name,
      description,
      category: input.category,
      ciqualCode: checkedCiqualCode(input.ciqualCode ?? ''),
      unit: input.unit,
      unitMassKg: checkedUnitMass(input.unit, input.unitMassKg),
      priceCents: checkedCents(input.priceCents, 'priceCents'),
      vatRateBasisPoints: vatRateBasisPoints(input.vatRate),
      b2bPriceTiers: checkedTiers(input.unit, input.b2bPriceTiers ?? []),
      stockThousandths: toThousandths(input.stock, 'stock', { wholeUnits }),
      minOrderThousandths: toThousandths(input.minOrderQuantity ?? 0, 'minOrderQuantity', { wholeUnits }),
      certifications: checkedCertifications(input.certifications ?? []),
      searchText: searchTextOf(name, description),
    };
    // Two products of the same name created at once: the second's slug collides, and it takes the next one.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.unitOfWork.transactional(async (em) => {
          await this.recordProducerPosition(em, producer);
          const product = em.create(Product, { ...values, slug: await freeProductSlug(em, name) });
          em.persist(product);
          return product;
        });
      } catch (error) {
        if (
          error instanceof UniqueConstraintViolationException &&
          error.message.includes('product_slug_unique') &&
          attempt < 5
        )
          continue;
        throw error;
      }
    }
  }

  /** The active product with this slug (the slug never changes, so a shared link keeps working after a rename). */
  async update(user: AuthUser, id: string, input: UpdateProductValues): Promise<Product> {
    return this.edit(user, id, input.expectedVersion, (product) => {
      if (input.name != null) product.name = checkedText(input.name, 'name', 200);
      if (input.description != null)
        product.description = checkedText(input.description, 'description', 5000, { allowEmpty: true });
      if (input.category != null) product.category = input.category;
      if (input.ciqualCode != null) product.ciqualCode = checkedCiqualCode(input.ciqualCode);
      if (input.unitMassKg != null) product.unitMassKg = checkedUnitMass(product.unit, input.unitMassKg);
      if (input.priceCents != null) product.priceCents = checkedCents(input.priceCents, 'priceCents');
      if (input.vatRate != null) product.vatRateBasisPoints = vatRateBasisPoints(input.vatRate);
      if (input.b2bPriceTiers != null) product.b2bPriceTiers = checkedTiers(product.unit, input.b2bPriceTiers);
      const wholeUnits = product.unit === ProductUnit.PIECE;
      if (input.stock != null) product.stockThousandths = toThousandths(input.stock, 'stock', { wholeUnits });
      if (input.minOrderQuantity != null)
        product.minOrderThousandths = toThousandths(input.minOrderQuantity, 'minOrderQuantity', { wholeUnits });
      if (input.certifications != null) product.certifications = checkedCertifications(input.certifications);
      if (input.active != null) product.active = input.active;
      product.searchText = searchTextOf(product.name, product.description);
    });
  }

  setStock(user: AuthUser, id: string, stock: number): Promise<Product> {
    return this.edit(user, id, undefined, (product) => {
      product.stockThousandths = toThousandths(stock, 'stock', { wholeUnits: product.unit === ProductUnit.PIECE });
    });
  }

  /** Products by id, in one query, for the pages that show them (inactive ones too: past orders name them). */
  findByIds(ids: readonly string[]): Promise<Product[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(Product, { id: wanted }) : Promise.resolve([]);
  }

  async findActive(id: string): Promise<Product | null> {
    return isUuid(id) ? this.unitOfWork.em.findOne(Product, { id, active: true }) : null;
  }

  /** The product if `user` may manage it (a member of its producer), else NOT_FOUND. */
  async findManaged(user: AuthUser, id: string): Promise<Product> {
    const product = isUuid(id) ? await this.unitOfWork.em.findOne(Product, id, { populate: ['searchText'] }) : null;
    if (!product || !(await this.policy.isMember(user, product.producerId))) throw AppError.notFound('Product');
    return product;
  }

  private async edit(
    user: AuthUser,
    id: string,
    expectedVersion: number | null | undefined,
    change: (product: Product) => void,
  ): Promise<Product> {
    try {
      // Read and written in one transaction: findManaged reads in it, its commit writes the change.
      return await this.unitOfWork.transactional(async () => {
        const product = await this.findManaged(user, id);
        if (expectedVersion != null && expectedVersion !== product.version) throw staleEdit();
        change(product);
        return product;
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) throw staleEdit();
      throw error;
    }
  }

  /** Keeps the catalog's copy of where the producer ships from, which the radius search reads. */
  private async recordProducerPosition(em: EntityManager, producer: Organization): Promise<void> {
    const { latitude, longitude, departmentCode } = producer.address;
    if (latitude === undefined || latitude === null || longitude === undefined || longitude === null) return;
    await em.upsert(
      CatalogProducer,
      { producerId: producer.id, latitude, longitude, departmentCode },
      { onConflictFields: ['producerId'], onConflictAction: 'merge' },
    );
  }
}

/** A slug for a new product named `name`: from the name, with a suffix when another product has it. */
export async function freeProductSlug(em: EntityManager, name: string): Promise<string> {
  return freeSlug(name, async (base) =>
    (await em.find(Product, { slug: { $like: `${base}%` } }, { fields: ['slug'] })).map((product) => product.slug),
  );
}

const staleEdit = () =>
  new AppError(ErrorCode.CONFLICT, 'The product changed since you opened it; reload it and edit again.');
