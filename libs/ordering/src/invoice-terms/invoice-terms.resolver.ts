import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, organizationLoader, OrganizationService, OrganizationType } from '@app/identity';
import type { GraphqlContext } from '@app/platform';
import type { RefusedInvoiceBuyer } from './invoice-terms.entity';
import { InvoiceTermsService, type SalesTermsValue } from './invoice-terms.service';
import { ProducerSalesTermsInput, ProducerSalesTermsType, RefusedInvoiceBuyerType } from './invoice-terms.types';

@Resolver(() => ProducerSalesTermsType)
export class ProducerSalesTermsResolver {
  constructor(private readonly terms: InvoiceTermsService) {}

  @Query(() => ProducerSalesTermsType, { description: "A producer's terms for payment by invoice, for its members." })
  producerSalesTerms(@CurrentUser() user: AuthUser, @Args('producerId', { type: () => ID }) producerId: string) {
    return this.terms.termsOf(user, producerId);
  }

  @Mutation(() => ProducerSalesTermsType, {
    description:
      'Sets the cap on invoice orders from businesses the producer never delivered to; members of the producer only.',
  })
  updateProducerSalesTerms(
    @CurrentUser() user: AuthUser,
    @Args('producerId', { type: () => ID }) producerId: string,
    @Args('input') input: ProducerSalesTermsInput,
  ) {
    return this.terms.update(user, producerId, input);
  }

  @Mutation(() => ProducerSalesTermsType, {
    description:
      'Refuses (allowed: false) or allows again payment by invoice from a business that ordered from this producer; a refused business pays it by card.',
  })
  setBuyerInvoicePayment(
    @CurrentUser() user: AuthUser,
    @Args('producerId', { type: () => ID }) producerId: string,
    @Args('buyerOrganizationId', { type: () => ID }) buyerOrganizationId: string,
    @Args('allowed') allowed: boolean,
  ) {
    return this.terms.setBuyerInvoicePayment(user, producerId, buyerOrganizationId, allowed);
  }

  @ResolveField(() => [RefusedInvoiceBuyerType], {
    description: 'The businesses refused invoice payment, latest first.',
  })
  refusedInvoiceBuyers(@Parent() terms: SalesTermsValue) {
    return this.terms.refusedBuyers(terms.producerId);
  }
}

@Resolver(() => RefusedInvoiceBuyerType)
export class RefusedInvoiceBuyerResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @ResolveField(() => OrganizationType, { nullable: true })
  buyer(@Parent() row: RefusedInvoiceBuyer, @Context() context: GraphqlContext) {
    return organizationLoader(context, this.organizations).load(row.buyerOrganizationId);
  }
}
