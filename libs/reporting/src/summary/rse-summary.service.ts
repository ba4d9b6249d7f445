import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { AccessPolicy, type AuthUser, type Organization } from '@app/identity';
import { CreditNoteService } from '@app/payments';
import { AppError, UnitOfWork } from '@app/platform';
import { type ReportPeriod, reportPeriod } from '../period';
import { RseAccumulator } from '../rse-accumulator';
import type { RseLineBatch, RseTotals } from '../rse-line';
import { RseLineSource } from '../rse-lines';

export const DEFAULT_LOCAL_RADIUS_KM = 100;

export interface RseRequest {
  organization: Organization;
  period: ReportPeriod;
  localRadiusKm: number;
}

/** `rseSummary`: the figures of a buying organization's period, for its members. */
@Injectable()
export class RseSummaryService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly lines: RseLineSource,
    private readonly creditNotes: CreditNoteService,
  ) {}

  /** Checks who asks and what: a member of the organization, a period of at most 366 days, a sensible radius. */
  async request(
    user: AuthUser,
    organizationId: string,
    from: string,
    to: string,
    localRadiusKm: number | null | undefined,
  ): Promise<RseRequest> {
    const organization = await this.policy.assertMember(user, organizationId);
    const period = reportPeriod(from, to);
    const radius = localRadiusKm ?? DEFAULT_LOCAL_RADIUS_KM;
    if (!Number.isFinite(radius) || radius <= 0 || radius > 1000)
      throw AppError.badInput('localRadiusKm', 'The local radius is more than 0 and at most 1,000 km.');
    return { organization, period, localRadiusKm: radius };
  }

  async summary(
    user: AuthUser,
    organizationId: string,
    from: string,
    to: string,
    localRadiusKm?: number | null,
  ): Promise<RseTotals> {
    const {
      organization,
      period,
      localRadiusKm: radius,
    } = await this.request(user, organizationId, from, to, localRadiusKm);
    const { accumulator, lines } = await this.netLines(this.unitOfWork.em, organization, period, radius);
    for await (const batch of lines) accumulator.add(batch);
    return accumulator.totals();
  }

  /**
   * The period's lines, and the accumulator summing them net of the parts' credit notes, whenever issued: what the
   * business really paid for them (the page's summary, and the PDF's and XLSX's).
   */
  async netLines(
    em: EntityManager,
    organization: Organization,
    period: ReportPeriod,
    localRadiusKm: number,
  ): Promise<{ accumulator: RseAccumulator; lines: AsyncIterable<RseLineBatch> }> {
    const credits = await this.creditNotes.creditedBySupplierOrder(
      em,
      { buyerOrganizationId: organization.id },
      period.from,
    );
    const accumulator = new RseAccumulator(credits);
    const lines = this.lines.linesOf(em, organization, period, localRadiusKm, (id) => accumulator.enterPart(id));
    return { accumulator, lines };
  }
}
