// The closed vocabularies of creators and campaigns: a creator's status, a campaign's objective
// and status (the social networks are in social-networks.ts), and the roles of the people who use
// the bot (admin and member are the team; docs/roles.md).

export const CREATOR_STATUSES = ["prospect", "active", "paused", "declined"] as const;
export const OBJECTIVES = ["awareness", "content", "traffic", "signups", "sales"] as const;
export const CAMPAIGN_STATUSES = ["active", "closed"] as const;
export const SHOP_KINDS = ["shopify", "woocommerce"] as const;
export const ROLES = ["admin", "member", "creator"] as const;
/** A post's content approval (docs/approval.md). */
export const POST_REVIEWS = ["approved", "pending", "changes_requested"] as const;
