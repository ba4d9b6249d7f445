import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { type AuthUser, MediaService } from '@app/identity';
import { AppError, isUuid, UnitOfWork } from '@app/platform';
import { ProductImage } from '../entities/product-image.entity';
import type { Product } from '../entities/product.entity';
import { ProductService } from './product.service';

/** The most photos one product shows. */
export const MAX_IMAGES_PER_PRODUCT = 12;

/**
 * A product's photos: its producer's members attach their own media (`POST /media`) with an alternative text,
 * order and remove them. The files stay (a media is immutable and may be a logo too); only the attachment goes.
 */
@Injectable()
export class ProductImageService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly products: ProductService,
    private readonly media: MediaService,
  ) {}

  async add(user: AuthUser, productId: string, mediaId: string, alt: string): Promise<Product> {
    const em = this.unitOfWork.em;
    const product = await this.products.findManaged(user, productId);
    const media = await this.media.ownedBy(mediaId, product.producerId, 'mediaId');
    const text = checkedAlt(alt);
    return em.transactional(async (tx) => {
      const images = await tx.find(ProductImage, { productId: product.id }, { orderBy: { position: 'asc' } });
      if (images.length >= MAX_IMAGES_PER_PRODUCT)
        throw AppError.badInput('mediaId', `A product shows at most ${MAX_IMAGES_PER_PRODUCT} photos.`);
      tx.persist(
        tx.create(ProductImage, {
          productId: product.id,
          mediaId: media.id,
          widths: media.widths,
          width: media.width,
          height: media.height,
          alt: text,
          position: images.length,
        }),
      );
      return product;
    });
  }

  async remove(user: AuthUser, id: string): Promise<Product> {
    return this.reorder(
      user,
      id,
      (images, image) => images.filter((other) => other !== image),
      (image, tx) => tx.remove(image),
    );
  }

  /** Puts the photo at `position` (0 first) among the product's photos. */
  async move(user: AuthUser, id: string, position: number): Promise<Product> {
    return this.reorder(user, id, (images, image) => {
      if (!Number.isInteger(position) || position < 0 || position >= images.length) {
        throw AppError.badInput('position', `The position is between 0 and ${images.length - 1}.`);
      }
      const others = images.filter((other) => other !== image);
      return [...others.slice(0, position), image, ...others.slice(position)];
    });
  }

  /** The photos of each product, in order, in one query (for a page of products). */
  async imagesOf(productIds: readonly string[]): Promise<ProductImage[][]> {
    const wanted = [...new Set(productIds)].filter(isUuid);
    const images = wanted.length
      ? await this.unitOfWork.em.find(
          ProductImage,
          { productId: wanted },
          { orderBy: { position: 'asc', createdAt: 'asc' } },
        )
      : [];
    return productIds.map((id) => images.filter((image) => image.productId === id));
  }

  private async reorder(
    user: AuthUser,
    id: string,
    order: (images: ProductImage[], image: ProductImage) => ProductImage[],
    alsoDo?: (image: ProductImage, tx: EntityManager) => void,
  ): Promise<Product> {
    const em = this.unitOfWork.em;
    const image = isUuid(id) ? await em.findOne(ProductImage, id) : null;
    if (!image) throw AppError.notFound('ProductImage');
    const product = await this.products.findManaged(user, image.productId).catch(() => {
      throw AppError.notFound('ProductImage');
    });
    return em.transactional(async (tx) => {
      const images = await tx.find(
        ProductImage,
        { productId: product.id },
        { orderBy: { position: 'asc', createdAt: 'asc' } },
      );
      const current = images.find((other) => other.id === image.id)!;
      order(images, current).forEach((other, index) => (other.position = index));
      alsoDo?.(current, tx);
      return product;
    });
  }
}

function checkedAlt(alt: string): string {
  const text = alt.trim();
  if (!text || text.length > 300)
    throw AppError.badInput(
      'alt',
      'Describe the photo in 1 to 300 characters (what it shows, for those who cannot see it).',
    );
  return text;
}
