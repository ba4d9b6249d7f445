import { SetMetadata } from '@nestjs/common';

export const PUBLIC_OPERATION = 'ancrage:public-operation';

/**
 * Marks a query or mutation that needs no access token (PRODUCT.md §3's public list); every other root operation
 * requires one (the identity context's guard enforces it).
 */
export const Public = () => SetMetadata(PUBLIC_OPERATION, true);
