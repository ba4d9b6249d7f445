import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { DeliveryOptionResolver, OrganizationDeliveryOptionsResolver } from './delivery/delivery-option.resolver';
import { DeliveryOptionService } from './delivery/delivery-option.service';
import { CatalogProducer } from './entities/catalog-producer.entity';
import { DeliveryOption } from './entities/delivery-option.entity';
import { ProductLabel } from './entities/product-label.entity';
import { Product } from './entities/product.entity';
import { BrandMembershipChangedHandler } from './labels/brand-membership-changed.handler';
import { ProductLabelResolver } from './labels/product-label.resolver';
import { ProductLabelService } from './labels/product-label.service';
import { BrandProductsResolver, ProductResolver } from './products/product.resolver';
import { ProductService } from './products/product.service';
import { StockService } from './products/stock.service';
import { ProductSearchService } from './search/product-search.service';

export const CATALOG_ENTITIES = [Product, CatalogProducer, DeliveryOption, ProductLabel];

/** Products, prices, stock, delivery options, brand labels and the catalog search. */
@Module({
  imports: [IdentityModule],
  providers: [ProductService, StockService, ProductSearchService, DeliveryOptionService, ProductLabelService, BrandMembershipChangedHandler],
  exports: [ProductService, StockService, ProductSearchService, DeliveryOptionService, ProductLabelService],
})
export class CatalogModule {}

/** Catalog's API edges: the product, search, label and delivery option resolvers. */
@Module({
  imports: [CatalogModule, IdentityModule],
  providers: [ProductResolver, BrandProductsResolver, ProductLabelResolver, DeliveryOptionResolver, OrganizationDeliveryOptionsResolver],
})
export class CatalogApiModule {}
