import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import {
  DeliveryOptionResolver,
  OrganizationDeliveryOptionsResolver,
  VehicleResolver,
} from './delivery/delivery-option.resolver';
import { DeliveryOptionService } from './delivery/delivery-option.service';
import { CatalogProducer } from './entities/catalog-producer.entity';
import { DeliveryOption } from './entities/delivery-option.entity';
import { ProductLabel } from './entities/product-label.entity';
import { Product } from './entities/product.entity';
import { BrandMembershipChangedHandler } from './labels/brand-membership-changed.handler';
import { LabelRequestEmailHandler } from './labels/label-request-email.handler';
import { ProductLabelRequestsResolver, ProductLabelResolver } from './labels/product-label.resolver';
import { ProductLabelService } from './labels/product-label.service';
import { ProductImage } from './entities/product-image.entity';
import { OrganizationMovedHandler } from './producers/organization-moved.handler';
import { ProducerDirectoryService } from './producers/producer-directory.service';
import { ProducerResolver } from './producers/producer.resolver';
import { ProducerShowcaseService } from './producers/producer-showcase.service';
import { ProductImageService } from './products/product-image.service';
import { BrandProductsResolver, ProductImageResolver, ProductResolver } from './products/product.resolver';
import { ProductService } from './products/product.service';
import { ProductWithdrawalResolver } from './products/product-withdrawal.resolver';
import { ProductWithdrawalService } from './products/product-withdrawal.service';
import { StockService } from './products/stock.service';
import { ProductSearchService } from './search/product-search.service';
import { PublicProducers } from './producers/public-producers.service';
import { BrandMemberProducerResolver } from './producers/shown-producer.resolver';

export const CATALOG_ENTITIES = [Product, CatalogProducer, DeliveryOption, ProductLabel, ProductImage];

/** Products, prices, stock, delivery options, brand labels and the catalog search. */
@Module({
  imports: [IdentityModule],
  providers: [
    ProductService,
    ProductWithdrawalService,
    StockService,
    ProductSearchService,
    DeliveryOptionService,
    ProductLabelService,
    BrandMembershipChangedHandler,
    LabelRequestEmailHandler,
    ProductImageService,
    ProducerDirectoryService,
    ProducerShowcaseService,
    OrganizationMovedHandler,
    PublicProducers,
  ],
  exports: [
    PublicProducers,
    ProductService,
    ProductWithdrawalService,
    ProductImageService,
    ProducerDirectoryService,
    ProducerShowcaseService,
    StockService,
    ProductSearchService,
    DeliveryOptionService,
    ProductLabelService,
  ],
})
export class CatalogModule {}

/** Catalog's API edges: the product, search, label and delivery option resolvers. */
@Module({
  imports: [CatalogModule, IdentityModule],
  providers: [
    ProductResolver,
    ProductWithdrawalResolver,
    BrandProductsResolver,
    ProductImageResolver,
    ProducerResolver,
    BrandMemberProducerResolver,
    ProductLabelResolver,
    ProductLabelRequestsResolver,
    DeliveryOptionResolver,
    VehicleResolver,
    OrganizationDeliveryOptionsResolver,
  ],
})
export class CatalogApiModule {}
