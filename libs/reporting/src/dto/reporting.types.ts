import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationType } from '@app/identity';
import { CentsScalar, DateScalar } from '@app/platform';
import { ExportFormat, ExportStatus } from '../entities/export-job.entity';

registerEnumType(ExportFormat, { name: 'ExportFormat' });
registerEnumType(ExportStatus, { name: 'ExportStatus' });

@ObjectType('RseCategoryFigures')
export class RseCategoryFiguresType {
  @Field() category!: string;
  @Field(() => CentsScalar) spendCents!: number;
  @Field(() => Float) massKg!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float) baselineKgCo2e!: number;
  @Field(() => Float) savedKgCo2e!: number;
}

@ObjectType('RseSupplierFigures')
export class RseSupplierFiguresType {
  @Field() producerName!: string;
  @Field(() => String, { nullable: true }) producerSiret!: string | null;
  @Field(() => CentsScalar) spendCents!: number;
  @Field(() => Float) massKg!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float) savedKgCo2e!: number;
  @Field({ description: 'Within the local radius of the delivery site.' }) local!: boolean;
}

@ObjectType('RseMonthFigures')
export class RseMonthFiguresType {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float) baselineKgCo2e!: number;
}

@ObjectType('RseSummary', {
  description:
    "A buying organization's purchases delivered in a period, and their transport footprint (CARBON-METHOD.md §9).",
})
export class RseSummaryType {
  @Field(() => CentsScalar, { description: 'Excluding VAT.' }) spendCents!: number;
  @Field(() => CentsScalar) localSpendCents!: number;
  @Field(() => Float) localSpendShare!: number;
  @Field(() => Float) labelledSpendShare!: number;
  @Field(() => Int) supplierCount!: number;
  @Field(() => Int) localSupplierCount!: number;
  @Field(() => Float) massKg!: number;
  @Field(() => Float) tkm!: number;
  @Field(() => Float, { description: 'All transport emissions, well-to-wheel: scope3Cat4KgCo2e + scope1BuyerKgCo2e.' })
  emissionsKgCo2e!: number;
  @Field(() => Float, { description: 'GHG Protocol Scope 3 category 4 (BEGES poste 3.1).' }) scope3Cat4KgCo2e!: number;
  @Field(() => Float, {
    description: "The buyer's own pickups: Scope 1, already in its fuel purchases; for information.",
  })
  scope1BuyerKgCo2e!: number;
  @Field(() => Float) baselineKgCo2e!: number;
  @Field(() => Float, { description: 'baseline − emissions, signed; comparative, never deducted from Scope 3.' })
  savedKgCo2e!: number;
  @Field(() => Float, { description: 'Share of emissions from measured distances (ESRS E1 AR 46(g)).' })
  primaryDataShare!: number;
  @Field(() => [RseCategoryFiguresType]) byCategory!: RseCategoryFiguresType[];
  @Field(() => [RseSupplierFiguresType]) bySupplier!: RseSupplierFiguresType[];
  @Field(() => [RseMonthFiguresType]) byMonth!: RseMonthFiguresType[];
  @Field(() => [String]) methodVersions!: string[];
}

@InputType()
export class RseExportInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => ExportFormat) format!: ExportFormat;
  @Field(() => Float, { nullable: true, description: 'Default 100 km.' }) localRadiusKm?: number | null;
}

@ObjectType('ExportJob')
export class ExportJobType {
  @Field(() => ID) id!: string;
  @Field(() => ExportStatus) status!: ExportStatus;
  @Field(() => Float, { description: '0 … 1.' }) progress!: number;
  @Field(() => Int) rowCount!: number;
  @Field(() => ExportFormat) format!: ExportFormat;
  @Field(() => String, { nullable: true }) error?: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('BrandTopProducer')
export class BrandTopProducerType {
  producerId!: string;
  @Field(() => CentsScalar) salesCents!: number;
  @Field(() => Int) orderCount!: number;
}

@ObjectType('BrandDashboard', {
  description:
    "A brand's members, labelled products, and the sales and carbon figures of its labelled products in a period.",
})
export class BrandDashboardType {
  @Field(() => Int) memberCount!: number;
  @Field(() => Int) pendingApplications!: number;
  @Field(() => Int) labelledProductCount!: number;
  @Field(() => CentsScalar, {
    description: 'Labelled products sold (excluding VAT), orders placed in the period, not cancelled.',
  })
  salesCents!: number;
  @Field(() => Int) orderCount!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float) savedKgCo2e!: number;
  @Field(() => [BrandTopProducerType]) topProducers!: BrandTopProducerType[];
}

export { OrganizationType };
