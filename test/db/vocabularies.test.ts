// The closed vocabularies users choose from (src/domain/) and the enums of prisma/schema.prisma
// that store them hold the same values in the same order: a value added on one side only would
// be offered and then refused by the database client, or stored and then never offered.

import { describe, expect, expectTypeOf, it } from "vitest";
import type { ScheduleTiming } from "../../src/domain/digest-schedule.ts";
import { SOCIAL_NETWORKS } from "../../src/domain/social-networks.ts";
import { CAMPAIGN_STATUSES, CREATOR_STATUSES, OBJECTIVES, POST_REVIEWS, ROLES, SHOP_KINDS } from "../../src/domain/vocabularies.ts";
import { CampaignObjective, CampaignStatus, CreatorStatus, DigestFrequency, PostReview, Role, ShopKind, SocialNetwork } from "../../src/generated/prisma/enums.ts";

describe("closed vocabularies", () => {
  it("the choices of /creator and /campaign are the schema's enums, in order", () => {
    expect(Object.values(SocialNetwork)).toEqual(SOCIAL_NETWORKS);
    expect(Object.values(CreatorStatus)).toEqual(CREATOR_STATUSES);
    expect(Object.values(CampaignObjective)).toEqual(OBJECTIVES);
    expect(Object.values(CampaignStatus)).toEqual(CAMPAIGN_STATUSES);
    expect(Object.values(ShopKind)).toEqual(SHOP_KINDS);
    expect(Object.values(Role)).toEqual(ROLES);
    expect(Object.values(PostReview)).toEqual(POST_REVIEWS);
  });

  it("campaigns sort by status the same on SQLite (text) and PostgreSQL (enum order)", () => {
    const values: string[] = Object.values(CampaignStatus);
    expect(values).toEqual([...values].sort());
  });

  it("the digest frequencies the code knows are the schema's", () => {
    expectTypeOf<ScheduleTiming["frequency"]>().toEqualTypeOf<DigestFrequency>();
    expect(Object.values(DigestFrequency)).toEqual(["daily", "weekly"]);
  });
});
