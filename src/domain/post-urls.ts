// Posts are known by their URL: the platform comes from it, and the same post written two ways
// (www., tracking parameters, a trailing slash, youtu.be) must be recognised as one.

import type { SocialNetwork } from "./social-networks.ts";

const HOSTS: Array<[RegExp, SocialNetwork]> = [
  [/(^|\.)tiktok\.com$/, "tiktok"],
  [/(^|\.)instagram\.com$/, "instagram"],
  [/(^|\.)(youtube\.com|youtu\.be)$/, "youtube"],
  [/(^|\.)linkedin\.com$/, "linkedin"],
  [/(^|\.)threads\.(net|com)$/, "threads"],
  [/(^|\.)(reddit\.com|redd\.it)$/, "reddit"],
  [/(^|\.)twitch\.tv$/, "twitch"],
  [/(^|\.)(x\.com|twitter\.com)$/, "x"],
  [/(^|\.)(discord\.com|discord\.gg)$/, "discord"],
];

export function platformOfUrl(url: string): SocialNetwork {
  const host = new URL(url).hostname.toLowerCase();
  return HOSTS.find(([pattern]) => pattern.test(host))?.[1] ?? "other";
}

/** Query parameters that say where a click came from, not which post it is. */
const TRACKING = /^(utm_.*|fbclid|gclid|igshid|igsh|si|feature|_t|_r|is_from_webapp|sender_device|share_.*|ref|ref_src|ref_url|s|t|mibextid|rdt|tt_from|source|lang)$/i;

/** A key that is the same for every way of writing the same post's address. */
export function postKey(url: string): string {
  const u = new URL(url);
  let host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, "");
  let path = u.pathname.replace(/\/+$/, "");
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k));
  if (host === "youtu.be") {
    host = "youtube.com";
    params.push(["v", path.slice(1)]);
    path = "/watch";
  }
  if (host === "twitter.com") host = "x.com";
  params.sort(([a], [b]) => a.localeCompare(b));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : "";
  return `${host}${path}${query}`;
}

/** The usual format of a post at this address, when the address says. */
export function formatOfUrl(url: string): string | null {
  const u = new URL(url);
  const platform = platformOfUrl(url);
  const path = u.pathname.toLowerCase();
  switch (platform) {
    case "tiktok":
      return "short-video";
    case "youtube":
      return path.startsWith("/shorts") ? "short-video" : "long-video";
    case "instagram":
      if (path.startsWith("/reel")) return "short-video";
      if (path.startsWith("/stories")) return "story";
      return path.startsWith("/p/") ? "image" : null;
    case "twitch":
      return "live";
    case "x":
    case "threads":
    case "linkedin":
    case "reddit":
      return "text";
    default:
      return null;
  }
}

/** A handle written in the address (tiktok.com/@kate/video/1, youtube.com/@kate). */
export function handleInUrl(url: string): string | null {
  const match = /\/@([\p{L}\p{N}._-]+)/u.exec(new URL(url).pathname);
  return match ? match[1]!.toLowerCase() : null;
}

export const POST_FORMATS = ["short-video", "long-video", "image", "carousel", "story", "live", "text"] as const;
