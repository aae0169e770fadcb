import { Injectable, NotFoundException } from '@nestjs/common';
import { addDays, CalendarDate, Clock, regionFullName } from '@app/core';
import { PublicRecordReader, PublishableRecord } from '@app/registry';
import { ModelCatalog } from '@app/risk';
import { publicityEndsOn } from '@app/scoring';

/** A penalty as the public register shows it (行政处罚信息公示). */
export interface PublicPenalty {
  decidedOn: string;
  documentNo: string | null;
  violationType: string | null;
  /** The fine in CNY as a decimal string; null when none. */
  amount: string | null;
  authority: string | null;
  authorityRegion: string | null;
  /** The last day it is published. */
  publicUntil: string | null;
}

/** A listing as the public register shows it. */
export interface PublicListing {
  listedOn: string;
  reason: string | null;
  documentNo: string | null;
  authority: string | null;
  authorityRegion: string | null;
  /** The last day it is published; null: until it is removed (abnormal operations list). */
  publicUntil: string | null;
}

export interface PublicEnterpriseView {
  uscc: string;
  name: string;
  status: string;
  regionCode: string;
  penalties: PublicPenalty[];
  abnormalListings: PublicListing[];
  seriousDishonestyListings: PublicListing[];
}

/** The market regulator of a division, as a publication names it. */
function authority(region: string | null): string | null {
  if (!region) return null;
  const name = regionFullName(region);
  return name ? `${name}市场监督管理局` : null;
}

/**
 * 公示: what the law publishes about an enterprise, for anyone. Only ACTIVE
 * penalties and listings (repaired and revoked records are never read),
 * only while in publicity by the active model's rules (the rule scoring
 * counts by, `publicityEndsOn`), only while not suspended by a temporary
 * repair. Never a tier, score, factor, measure or internal id: the views are
 * built field by field.
 */
@Injectable()
export class PublicRegisterService {
  constructor(
    private readonly records: PublicRecordReader,
    private readonly models: ModelCatalog,
    private readonly clock: Clock,
  ) {}

  async enterprise(uscc: string): Promise<PublicEnterpriseView> {
    const e = await this.records.enterprise(uscc);
    if (!e) throw new NotFoundException(`enterprise ${uscc} not found`);
    const today = this.clock.today();
    const shown = (await this.records.records(e.id))
      .map((r) => ({ r, until: this.lastPublishedDay(r) }))
      .filter(({ r, until }) => this.inPublicity(r, until, today));
    return {
      uscc: e.uscc,
      name: e.name,
      status: e.status,
      regionCode: e.regionCode,
      penalties: shown
        .filter(({ r }) => r.kind === 'PENALTY')
        .map(({ r, until }) => ({
          decidedOn: r.occurredOn,
          documentNo: r.documentNo,
          violationType: r.violationType ?? null,
          amount: r.amount,
          authority: authority(r.authorityRegion),
          authorityRegion: r.authorityRegion,
          publicUntil: until,
        })),
      abnormalListings: shown
        .filter(({ r }) => r.kind === 'ABNORMAL_LISTING')
        .map(({ r, until }) => listing(r, until)),
      seriousDishonestyListings: shown
        .filter(({ r }) => r.kind === 'SERIOUS_DISHONESTY_LISTING')
        .map(({ r, until }) => listing(r, until)),
    };
  }

  /** The serious dishonest list (严重违法失信名单) of a region, listings in publicity, newest first. */
  async seriousList(q: { region?: string; page: number; pageSize: number }) {
    const today = this.clock.today();
    const { items, total } = await this.records.seriousListings({
      region: q.region ?? '',
      occurredAfter: this.seriousListingCutoff(today),
      page: q.page,
      pageSize: q.pageSize,
    });
    return {
      items: items.map((r) => ({
        uscc: r.enterprise.uscc,
        name: r.enterprise.name,
        regionCode: r.enterprise.regionCode,
        ...listing(r, this.lastPublishedDay(r)),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  /** publicityEndsOn is the first day no longer published; the register shows the last day. */
  private lastPublishedDay(r: PublishableRecord): string | null {
    const end = publicityEndsOn(r, this.models.active);
    return end ? addDays(end, -1) : null;
  }

  private inPublicity(r: PublishableRecord, lastDay: string | null, today: CalendarDate) {
    if (
      r.suspendedFrom &&
      r.suspendedFrom <= today &&
      !(r.suspendedUntil && r.suspendedUntil <= today)
    )
      return false;
    return lastDay === null ? r.kind === 'ABNORMAL_LISTING' : lastDay >= today;
  }

  /**
   * The latest publicity start whose serious listing is no longer published
   * today: listings starting after it are. Found from the model's own rule
   * (months clamp at month ends), searching the few days around the window.
   */
  seriousListingCutoff(today: CalendarDate): CalendarDate {
    const ends = (d: CalendarDate) =>
      publicityEndsOn(
        {
          kind: 'SERIOUS_DISHONESTY_LISTING',
          occurredOn: d,
          status: 'ACTIVE',
        } as PublishableRecord,
        this.models.active,
      )!;
    // Walk back from today until a listing starting that day has ended by today.
    let d = today;
    let step = 512;
    while (step >= 1) {
      while (ends(addDays(d, -step)) > today) d = addDays(d, -step);
      step /= 2;
    }
    return addDays(d, -1);
  }
}

function listing(r: PublishableRecord, until: string | null): PublicListing {
  return {
    listedOn: r.occurredOn,
    reason: r.reason,
    documentNo: r.documentNo,
    authority: authority(r.authorityRegion),
    authorityRegion: r.authorityRegion,
    publicUntil: until,
  };
}
