import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GeoPrecision } from '../entities/address.embeddable';
import { MembershipRole } from '../entities/membership.entity';
import { OrganizationKind, OrganizationVerificationStatus, SireneOutcome } from '../entities/organization.entity';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(OrganizationVerificationStatus, {
  name: 'OrganizationVerificationStatus',
  description:
    'UNVERIFIED: awaiting a platform admin; VERIFIED: the company its SIRET names; REJECTED: not (see the reason).',
});
registerEnumType(GeoPrecision, {
  name: 'GeoPrecision',
  description: 'How precisely the coordinates of an address are known.',
});
registerEnumType(MembershipRole, {
  name: 'MemberRole',
  description:
    'OWNER: manages the members, the payouts and the organization; MEMBER: runs the catalogue and the orders.',
});

@ObjectType('Address')
export class AddressType {
  @Field() line1!: string;
  @Field() postalCode!: string;
  @Field(() => String, { nullable: true }) city?: string;
  @Field(() => String, { nullable: true }) inseeCode?: string;
  @Field(() => String, { nullable: true }) departmentCode?: string;
  @Field(() => Float, { nullable: true }) latitude?: number;
  @Field(() => Float, { nullable: true }) longitude?: number;
  @Field(() => GeoPrecision) precision!: GeoPrecision;
}

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationKind) kind!: OrganizationKind;
  @Field() name!: string;
  @Field({
    description: 'Its public address (/producteurs/<slug>): from the name at creation, kept when the name changes.',
  })
  slug!: string;
  @Field(() => String, { nullable: true, description: 'What it tells the public about itself.' }) description?:
    string | null;
  @Field(() => String, { nullable: true }) siret?: string;
  @Field(() => String, { nullable: true, description: 'French intra-community VAT number, derived from the SIREN.' })
  vatNumber?: string;
  @Field(() => AddressType) address!: AddressType;
  @Field(() => OrganizationVerificationStatus, {
    description:
      'Whether a platform admin checked that it is the company its SIRET names. Only a VERIFIED producer issues invoices and receives payouts.',
  })
  verificationStatus!: OrganizationVerificationStatus;
}

registerEnumType(SireneOutcome, {
  name: 'SireneOutcome',
  description: 'FOUND: SIRENE knows the establishment; NOT_FOUND: no such SIRET; UNAVAILABLE: no answer (see error).',
});

@ObjectType('SireneCheck', { description: "What the SIRENE directory said of the organization's SIRET." })
export class SireneCheckType {
  @Field(() => SireneOutcome) outcome!: SireneOutcome;
  @Field(() => Boolean, { nullable: true, description: 'Whether the establishment is active (not closed).' })
  active?: boolean | null;
  @Field(() => String, { nullable: true, description: "The legal unit's registered name (or the person's)." })
  legalName?: string | null;
  @Field(() => String, { nullable: true, description: "The establishment's registered address, one line." })
  address?: string | null;
  @Field(() => String, { nullable: true }) error?: string | null;
  @Field(() => Date) checkedAt!: Date;
}

@ObjectType('OrganizationVerification', {
  description: "Where the organization's verification stands: for its members and platform admins.",
})
export class OrganizationVerificationType {
  @Field(() => OrganizationVerificationStatus) status!: OrganizationVerificationStatus;
  @Field(() => String, { nullable: true, description: "The admin's reason for the last decision." })
  reason?: string | null;
  @Field(() => Date, { nullable: true }) decidedAt?: Date | null;
  @Field(() => SireneCheckType, {
    nullable: true,
    description: 'The SIRENE lookup, once it ran (null when SIRENE_API_URL is unset or while it runs).',
  })
  sirene?: SireneCheckType | null;
}

@ObjectType('Media', { description: 'An uploaded picture, served as WebP at a few widths.' })
export class MediaType {
  @Field(() => ID) id!: string;
  @Field(() => [Int], { description: 'The widths of its files, ascending: for srcset.' }) widths!: number[];
  @Field(() => Int, { description: 'Of the widest file.' }) width!: number;
  @Field(() => Int) height!: number;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
}

@ObjectType('Membership', { description: 'An organization the user acts for, and as what.' })
export class MembershipType {
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field(() => OrganizationType) organization!: OrganizationType;
}

@ObjectType('OrganizationMember')
export class OrganizationMemberType {
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field(() => UserType) user!: UserType;
}

@ObjectType('Invitation', { description: 'A pending invitation to join an organization, bound to one e-mail address.' })
export class InvitationType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field() createdAt!: Date;
  @Field({ description: 'Seven days after it was sent.' }) expiresAt!: Date;
}

@ObjectType('InvitationPreview', { description: 'What an invitation link is for, shown before it is accepted.' })
export class InvitationPreviewType {
  @Field() organizationName!: string;
  @Field({ description: 'The address the invitation is bound to: accept it signed in with this address.' })
  email!: string;
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field() expiresAt!: Date;
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field({ description: 'JWT for the Authorization header; valid 15 minutes.' }) accessToken!: string;
  @Field({ description: 'Opaque; spend it with refreshSession for a new pair. Valid 30 days, once.' })
  refreshToken!: string;
  @Field(() => UserType) user!: UserType;
}

@InputType()
export class RegisterInput {
  @Field() email!: string;
  @Field({ description: 'At least 8 characters; not one of the most common passwords.' }) password!: string;
  @Field() displayName!: string;
}

@InputType()
export class LoginInput {
  @Field() email!: string;
  @Field() password!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'For an account with a second factor: the 6-digit code of its authenticator app, or one of its recovery codes. Without it, such an account answers UNAUTHENTICATED with reason MFA_CODE_REQUIRED.',
  })
  mfaCode?: string | null;
}

@InputType()
export class AddressInput {
  @Field() line1!: string;
  @Field() postalCode!: string;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) inseeCode?: string | null;
  @Field(() => Float, { nullable: true, description: 'With longitude: the exact place (precision ADDRESS).' })
  latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => OrganizationKind) kind!: OrganizationKind;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'Required for producers and businesses.' }) siret?: string | null;
  @Field(() => AddressInput) address!: AddressInput;
}

@InputType({
  description: 'What an owner may change; the SIRET and the slug never change. Fields left out stay as they are.',
})
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Public description, at most 3,000 characters; an empty string removes it.',
  })
  description?: string | null;
  @Field(() => AddressInput, {
    nullable: true,
    description: 'A new address: its commune and coordinates are resolved again.',
  })
  address?: AddressInput | null;
  @Field(() => ID, { nullable: true, description: 'One of its own media (POST /media) as its logo.' }) logoMediaId?:
    string | null;
  @Field(() => Boolean, { nullable: true }) removeLogo?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description:
      "A producer's IBAN for the transfers of invoices paid by transfer (spaces and case as typed: it is normalised and checked by mod 97); an empty string removes the bank details. A new IBAN takes `bic` with it: left out, the account has no BIC.",
  })
  iban?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The BIC of its bank, 8 or 11 characters (optional); an empty string removes it. Needs an IBAN.',
  })
  bic?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Its phone number, French, as typed ("05 55 52 14 29", "+33 5 55 52 14 29"): kept as +33555521429; an empty string or null removes it.',
  })
  phone?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The e-mail address to reach it (checked like the sign-up e-mail); an empty string or null removes it.',
  })
  contactEmail?: string | null;
}

@ObjectType('MfaEnrolmentStart', { description: 'A new TOTP secret to add to an authenticator app, then confirm.' })
export class MfaEnrolmentStartType {
  @Field({ description: 'The secret in base32, for typing into the app by hand.' }) secret!: string;
  @Field({ description: 'The otpauth://totp/ URI the QR code holds.' }) otpauthUri!: string;
  @Field({ description: 'The QR code of the URI, as an SVG document.' }) qrCodeSvg!: string;
}

@ObjectType('MfaEnrolment', { description: 'A confirmed second factor.' })
export class MfaEnrolmentType {
  @Field(() => [String], { description: 'Ten one-time codes for a lost phone, shown this once.' })
  recoveryCodes!: string[];
  @Field(() => AuthPayloadType, {
    description: 'A new session signed in with the second factor; every other session of the account has ended.',
  })
  session!: AuthPayloadType;
}
