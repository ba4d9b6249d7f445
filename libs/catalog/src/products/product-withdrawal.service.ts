import { Injectable } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/core';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, ErrorCode, keysetPage, type KeysetPage, UnitOfWork } from '@app/platform';
import { Product } from '../entities/product.entity';
import { ProductService } from './product.service';

/**
 * The producer's withdrawn products (`updateProduct(input: { active: false })` withdraws one): listed for its
 * members only, and put back on sale one at a time with its stock, price and photos as they were.
 */
@Injectable()
export class ProductWithdrawalService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly products: ProductService,
  ) {}

  /** The producer's withdrawn products, the most recently changed first: the first page of withdrawnPage. */
  async withdrawn(user: AuthUser, producerId: string, first: number): Promise<Product[]> {
    return (await this.withdrawnPage(user, producerId, first, null)).items;
  }

  /**
   * A page of the producer's withdrawn products, the most recently changed first (then by id, so that products
   * changed at the same instant keep their place), after `after`: a cursor of this same list (BAD_USER_INPUT else).
   */
  async withdrawnPage(
    user: AuthUser,
    producerId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<KeysetPage<Product>> {
    await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    return keysetPage(this.unitOfWork.em, Product, { producerId, active: false }, first, after, { time: 'updatedAt' });
  }

  /** Puts a withdrawn product back on sale; NOT_FOUND if unknown or another producer's, CONFLICT if on sale. */
  async restore(user: AuthUser, id: string): Promise<Product> {
    try {
      // Read and written in one transaction: findManaged reads in it, its commit writes the change.
      return await this.unitOfWork.transactional(async () => {
        const product = await this.products.findManaged(user, id);
        if (product.active) throw notWithdrawn();
        product.active = true;
        return product;
      });
    } catch (error) {
      // Restored or edited by someone else at the same moment: the same answer as updateProduct's.
      if (error instanceof OptimisticLockError)
        throw new AppError(ErrorCode.CONFLICT, 'The product changed since you opened it; reload it and edit again.');
      throw error;
    }
  }
}

const notWithdrawn = () =>
  new AppError(ErrorCode.CONFLICT, 'This product is on sale: only a withdrawn product can be put back on sale.');
