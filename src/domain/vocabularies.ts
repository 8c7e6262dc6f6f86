// The closed vocabularies of creators and campaigns: a creator's status, a campaign's objective
// and status (the social networks are in social-networks.ts).

export const CREATOR_STATUSES = ["prospect", "active", "paused", "declined"] as const;
export const OBJECTIVES = ["awareness", "content", "traffic", "signups", "sales"] as const;
export const CAMPAIGN_STATUSES = ["active", "closed"] as const;
export const SHOP_KINDS = ["shopify", "woocommerce"] as const;
