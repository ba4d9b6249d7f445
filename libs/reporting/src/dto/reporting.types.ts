import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationType } from '@app/identity';
import { CentsScalar, DateScalar, PageInfoType } from '@app/platform';
import { ExportFormat, ExportStatus } from '../entities/export-job.entity';

registerEnumType(ExportFormat, { name: 'ExportFormat' });
registerEnumType(ExportStatus, { name: 'ExportStatus' });

@ObjectType('RseCategoryFigures')
export class RseCategoryFiguresType {
  @Field() category!: string;
  @Field(() => CentsScalar, { description: 'Excluding VAT, net of credit notes (shared in proportion to the spend).' })
  spendCents!: number;
  @Field(() => Float) massKg!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float) baselineKgCo2e!: number;
  @Field(() => Float) savedKgCo2e!: number;
}

@ObjectType('RseSupplierFigures')
export class RseSupplierFiguresType {
  @Field() producerName!: string;
  @Field(() => String, { nullable: true }) producerSiret!: string | null;
  @Field(() => CentsScalar, { description: 'Excluding VAT, net of credit notes.' }) spendCents!: number;
  @Field(() => CentsScalar, { description: "What this producer's credit notes took off the spend, excluding VAT." })
  creditedCents!: number;
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

@ObjectType('RseDataTiers', {
  description:
    'How much of the emissions figure rests on primary data (fuel or distance read at delivery), a modelled round, or the default dedicated trip (CARBON-METHOD §7.3); shares of their sum, 0 … 1.',
})
export class RseDataTiersType {
  @Field(() => Float) primaryKgCo2e!: number;
  @Field(() => Float) modelledKgCo2e!: number;
  @Field(() => Float) defaultKgCo2e!: number;
  @Field(() => Float) primaryShare!: number;
  @Field(() => Float) modelledShare!: number;
  @Field(() => Float) defaultShare!: number;
  @Field(() => Int, {
    description: "Lines whose producer's reading was implausible: their figure is the modelled one.",
  })
  flaggedLineCount!: number;
}

@ObjectType('RseSummary', {
  description:
    "A buying organization's purchases delivered in a period, and their transport footprint (CARBON-METHOD.md §9).",
})
export class RseSummaryType {
  @Field(() => CentsScalar, {
    description:
      'Excluding VAT, net of the credit notes (avoirs) issued against these purchases, whenever issued: a credit note gives money back, so it comes off the spend (the goods first, never the delivery fee); it does not undo the trip, so mass and emissions stay. creditedCents says how much.',
  })
  spendCents!: number;
  @Field(() => CentsScalar, {
    description: 'What credit notes took off spendCents, excluding VAT (their subtotal as issued, up to the goods).',
  })
  creditedCents!: number;
  @Field(() => CentsScalar, { description: 'Net of credit notes, like spendCents.' }) localSpendCents!: number;
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
  @Field(() => RseDataTiersType) dataTiers!: RseDataTiersType;
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
  @Field(() => Date, { nullable: true, description: 'When it was done or given up.' }) finishedAt?: Date | null;
}

@ObjectType('ExportJobEdge')
export class ExportJobEdgeType {
  @Field() cursor!: string;
  @Field(() => ExportJobType) node!: ExportJobType;
}

@ObjectType('ExportJobConnection')
export class ExportJobConnectionType {
  @Field(() => [ExportJobEdgeType]) edges!: ExportJobEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('BrandTopProducer')
export class BrandTopProducerType {
  producerId!: string;
  @Field(() => CentsScalar, { description: 'Excluding VAT, net of credit notes.' }) salesCents!: number;
  @Field(() => Int) orderCount!: number;
}

@ObjectType('BrandMonth', { description: "One month of a brand's dashboard charts." })
export class BrandMonthType {
  @Field({ description: 'YYYY-MM.' }) month!: string;
  @Field(() => Int, { description: 'Approved members at the end of the month (now, for the current month).' })
  memberCount!: number;
  @Field(() => Int, {
    description: 'Labels granted and not withdrawn at the end of the month (now, for the current one).',
  })
  labelledProductCount!: number;
  @Field(() => CentsScalar, {
    description: 'Labelled sales (excluding VAT) of the orders placed in the month, net of their credit notes.',
  })
  salesCents!: number;
  @Field(() => Int) orderCount!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float) savedKgCo2e!: number;
}

@ObjectType('BrandDataTiers', {
  description:
    'How much of the emissions figure rests on primary data (fuel or distance read at delivery), a modelled round, or the default trip (CARBON-METHOD §7.3).',
})
export class BrandDataTiersType {
  @Field(() => Float) primaryKgCo2e!: number;
  @Field(() => Float) modelledKgCo2e!: number;
  @Field(() => Float) defaultKgCo2e!: number;
  @Field(() => Int, {
    description: "Lines whose producer's reading was implausible: their figure is the modelled one.",
  })
  flaggedLineCount!: number;
}

@ObjectType('BrandImpact', {
  description:
    "The brand's labelled sales of the last 365 days (orders placed, not cancelled) and their transport's carbon against the conventional chain, for everyone.",
})
export class BrandImpactType {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int) orderCount!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float, {
    description: 'Conventional chain − emissions, signed (negative: the local trips emitted more).',
  })
  savedKgCo2e!: number;
  @Field(() => [String], {
    description:
      'The carbon method versions (CARBON-METHOD.md) of the footprints counted, sorted: a period can hold several.',
  })
  methodVersions!: string[];
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
    description:
      'Labelled products sold (excluding VAT), orders placed in the period, not cancelled, net of the credit notes (avoirs) issued against them, whenever issued: a credit note gives money back, so it comes off the sales (the goods first, never the delivery fee; the labelled goods take their share); it does not undo the trip, so emissions stay. creditedCents says how much.',
  })
  salesCents!: number;
  @Field(() => CentsScalar, {
    description: "What credit notes took off salesCents, excluding VAT (the labelled goods' share).",
  })
  creditedCents!: number;
  @Field(() => Int) orderCount!: number;
  @Field(() => Float) emissionsKgCo2e!: number;
  @Field(() => Float) savedKgCo2e!: number;
  @Field(() => [BrandTopProducerType]) topProducers!: BrandTopProducerType[];
  @Field(() => [BrandMonthType], { description: 'Every month of the period, in order.' }) byMonth!: BrandMonthType[];
  @Field(() => BrandDataTiersType) dataTiers!: BrandDataTiersType;
  @Field(() => [String], {
    description:
      'The carbon method versions (CARBON-METHOD.md) of the footprints counted, sorted: a period can hold several.',
  })
  methodVersions!: string[];
}

export { OrganizationType };
