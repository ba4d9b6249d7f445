import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfoType } from '@app/platform';
import { OrganizationType, UserType } from '../dto/identity.types';

/** What a platform admin decides of an organization's claim to its SIRET. */
export enum OrganizationVerificationDecision {
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(OrganizationVerificationDecision, { name: 'OrganizationVerificationDecision' });

@ObjectType('AdminUser', { description: 'An account as support sees it.' })
export class AdminUserType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field() isPlatformAdmin!: boolean;
  @Field(() => Date, { nullable: true, description: 'When an admin disabled the account; it can no longer sign in.' })
  disabledAt?: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the account set up its second factor (an authenticator app); null when it has none.',
  })
  mfaEnabledAt?: Date | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('AdminUserEdge')
export class AdminUserEdgeType {
  @Field() cursor!: string;
  @Field(() => AdminUserType) node!: AdminUserType;
}

@ObjectType('AdminUserConnection')
export class AdminUserConnectionType {
  @Field(() => [AdminUserEdgeType]) edges!: AdminUserEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('AdminOrganizationEdge')
export class AdminOrganizationEdgeType {
  @Field() cursor!: string;
  @Field(() => OrganizationType) node!: OrganizationType;
}

@ObjectType('AdminOrganizationConnection')
export class AdminOrganizationConnectionType {
  @Field(() => [AdminOrganizationEdgeType]) edges!: AdminOrganizationEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('FailedJob', {
  description: 'A background job given up after its last attempt (or one that retrying cannot fix).',
})
export class FailedJobType {
  @Field(() => ID) id!: string;
  @Field({ description: 'What the job does, such as payments.order-paid.' }) topic!: string;
  @Field({ description: 'Which handler of the topic this job runs (each handler of a message is a job of its own).' })
  handler!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError?: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) failedAt!: Date;
}

@ObjectType('FailedJobEdge')
export class FailedJobEdgeType {
  @Field() cursor!: string;
  @Field(() => FailedJobType) node!: FailedJobType;
}

@ObjectType('FailedJobConnection')
export class FailedJobConnectionType {
  @Field(() => [FailedJobEdgeType]) edges!: FailedJobEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('RetriedJob', { description: 'A failed job put back in the queue.' })
export class RetriedJobType {
  @Field(() => ID) id!: string;
  @Field() topic!: string;
}

@ObjectType('AuditEntry', {
  description: 'An admin action or a role change: who, when, what and why. The log is append-only.',
})
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field(() => UserType, { nullable: true, description: 'Who acted; null for the command line (admin:grant).' })
  actor?: UserType | null;
  @Field({
    description:
      'user.disabled, brand.verified, organization.verified, organization.rejected, commission.set, job.retried, payment.refunded, platform-admin.granted, membership.role-changed…',
  })
  action!: string;
  @Field() targetType!: string;
  @Field(() => String, { nullable: true }) targetId?: string | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field({ description: 'What changed, as JSON.' }) details!: string;
  @Field(() => Date) recordedAt!: Date;
}

@ObjectType('AuditEntryEdge')
export class AuditEntryEdgeType {
  @Field() cursor!: string;
  @Field(() => AuditEntryType) node!: AuditEntryType;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnectionType {
  @Field(() => [AuditEntryEdgeType]) edges!: AuditEntryEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}
