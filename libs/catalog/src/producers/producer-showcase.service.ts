import { Injectable } from '@nestjs/common';
import { isUuid, UnitOfWork } from '@app/platform';
import { BrandService } from '@app/territory';
import type { ProductCategory } from '../entities/product.entity';

type Brand = Awaited<ReturnType<BrandService['list']>>[number];

/** What a producer's public profile shows besides its own fields: what it makes, and the brands that admitted it. */
@Injectable()
export class ProducerShowcaseService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly brands: BrandService,
  ) {}

  /** For each producer, its categories of active products with their counts, the largest first (one query). */
  async categoriesOf(producerIds: readonly string[]): Promise<{ category: ProductCategory; productCount: number }[][]> {
    const wanted = [...new Set(producerIds)].filter(isUuid);
    const rows = wanted.length
      ? await this.unitOfWork.em.execute<{ producer_id: string; category: ProductCategory; count: number | string }[]>(
          `select producer_id, category, count(*) as count from product where active = true and producer_id in (${wanted.map(() => '?').join(', ')}) group by producer_id, category`,
          wanted,
        )
      : [];
    return producerIds.map((id) =>
      rows
        .filter((row) => row.producer_id === id)
        .map((row) => ({ category: row.category, productCount: Number(row.count) }))
        .sort((a, b) => b.productCount - a.productCount || a.category.localeCompare(b.category)),
    );
  }

  /** For each producer, the publicly listed brands that approved its membership. */
  async brandsOf(producerIds: readonly string[]): Promise<Brand[][]> {
    const wanted = [...new Set(producerIds)].filter(isUuid);
    const rows = wanted.length
      ? await this.unitOfWork.em.execute<{ producer_id: string; brand_id: string }[]>(
          `select producer_id, brand_id from brand_membership where status = 'APPROVED' and producer_id in (${wanted.map(() => '?').join(', ')})`,
          wanted,
        )
      : [];
    const listed = new Map((await this.brands.list()).map((brand) => [brand.id, brand]));
    return producerIds.map((id) =>
      rows.filter((row) => row.producer_id === id && listed.has(row.brand_id)).map((row) => listed.get(row.brand_id)!),
    );
  }
}
