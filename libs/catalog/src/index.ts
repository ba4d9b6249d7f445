export { CATALOG_ENTITIES, CatalogApiModule, CatalogModule } from './catalog.module';
export { ProductService } from './products/product.service';
export { StockService, type StockMovement } from './products/stock.service';
export { DeliveryOptionService } from './delivery/delivery-option.service';
export { ProductLabelService } from './labels/product-label.service';
export { Product, ProductCategory, ProductUnit, Certification, type PriceTier } from './entities/product.entity';
export { DeliveryMode, DeliveryOption } from './entities/delivery-option.entity';
export { fromThousandths, toThousandths, THOUSANDTHS } from './quantity';
export { ProductType, DeliveryOptionType } from './dto/catalog.types';
