export { CATALOG_ENTITIES, CatalogApiModule, CatalogModule } from './catalog.module';
export { ProductService } from './products/product.service';
export { ProductImageService } from './products/product-image.service';
export { StockService, type StockMovement } from './products/stock.service';
export { DeliveryOptionService, MAX_DELIVERY_DATES } from './delivery/delivery-option.service';
export {
  type DeliveryCalendar,
  type DeliveryDateRefusal,
  deliveryDateRefusal,
  isoWeekday,
  localDay,
  nextDeliveryDates,
  orderingClosesAt,
} from './delivery/delivery-dates';
export { boundingBox, ProductSearchService } from './search/product-search.service';
export type { CartCatalog } from './search/catalog-read-model';
export { ProductLabelService } from './labels/product-label.service';
export { Product, ProductCategory, ProductUnit, Certification, type PriceTier } from './entities/product.entity';
export { DeliveryMode, DeliveryOption } from './entities/delivery-option.entity';
export { fromThousandths, toThousandths, THOUSANDTHS } from './quantity';
export { ProductType, DeliveryOptionType } from './dto/catalog.types';
export { PublicProducers, producerForViewerLoader } from './producers/public-producers.service';
