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
  providers: [
    ProductService,
    StockService,
    ProductSearchService,
    DeliveryOptionService,
    ProductLabelService,
    ProductResolver,
    BrandProductsResolver,
    ProductLabelResolver,
    DeliveryOptionResolver,
    OrganizationDeliveryOptionsResolver,
    BrandMembershipChangedHandler,
  ],
  exports: [ProductService, StockService, DeliveryOptionService, ProductLabelService],
})
export class CatalogModule {}
