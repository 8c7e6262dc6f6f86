// The social networks creators post on (TikTok, Instagram…) and their display names; stored in
// the `platform` column. Not the chat platforms the bot runs on, which are src/platforms/.

export const SOCIAL_NETWORKS = ["tiktok", "instagram", "youtube", "linkedin", "threads", "reddit", "twitch", "discord", "x", "other"] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

const LABELS: Record<SocialNetwork, string> = {
  tiktok: "TikTok",
  instagram: "Instagram",
  youtube: "YouTube",
  linkedin: "LinkedIn",
  threads: "Threads",
  reddit: "Reddit",
  twitch: "Twitch",
  discord: "Discord",
  x: "X",
  other: "Other",
};

export const socialNetworkLabel = (network: SocialNetwork) => LABELS[network];
