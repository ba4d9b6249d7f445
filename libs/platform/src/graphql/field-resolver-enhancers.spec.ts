import 'reflect-metadata';
import { type CanActivate, UseGuards, UseInterceptors, type NestInterceptor } from '@nestjs/common';
import { Field, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { enhancedFieldResolvers } from './field-resolver-enhancers';

@ObjectType()
class Thing {
  @Field()
  id!: string;
}

class AllowAll implements CanActivate {
  canActivate() {
    return true;
  }
}

class PassThrough implements NestInterceptor {
  intercept(_context: never, next: { handle(): unknown }) {
    return next.handle() as never;
  }
}

@Resolver(() => Thing)
class BareResolver {
  @ResolveField(() => String)
  label() {
    return 'x';
  }
}

@Resolver(() => Thing)
class GuardedFieldResolver {
  @ResolveField(() => String)
  label() {
    return 'x';
  }

  @UseGuards(AllowAll)
  @ResolveField(() => String)
  secret() {
    return 'x';
  }

  @UseInterceptors(PassThrough)
  @ResolveField(() => String)
  wrapped() {
    return 'x';
  }
}

@UseGuards(AllowAll)
@Resolver(() => Thing)
class GuardedClassResolver {
  @ResolveField(() => String)
  label() {
    return 'x';
  }

  helper() {
    return 'not a field';
  }
}

describe('enhancedFieldResolvers', () => {
  it('names the field resolvers that carry a guard or an interceptor, on the method or on the class', () => {
    expect(
      enhancedFieldResolvers([new BareResolver(), new GuardedFieldResolver(), new GuardedClassResolver()]),
    ).toEqual(['GuardedFieldResolver.secret', 'GuardedFieldResolver.wrapped', 'GuardedClassResolver.label']);
  });

  it('finds nothing on bare field resolvers and on objects that are not resolvers', () => {
    expect(enhancedFieldResolvers([new BareResolver(), new AllowAll(), {}])).toEqual([]);
  });
});
