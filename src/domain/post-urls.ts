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

/**
 * A key that is the same for every way of writing the same post's address. Where the address
 * names the post by an id, the key is that id in one form: an Instagram post is
 * instagram.com/p/<id> (also written /reel/, /reels/, /tv/ or /<user>/p/), a YouTube video
 * youtube.com/watch?v=<id> (youtu.be, shorts, embed, live, m.), an X status x.com/i/status/<id>
 * (whatever handle precedes it, on x.com or twitter.com), a TikTok video has its handle in lower
 * case. Anything else keeps its path (case included) and its parameters other than tracking ones.
 * The corrections migration rewrites keys stored before these rules in SQL: change both together.
 */
export function postKey(url: string): string {
  const u = new URL(url);
  let host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, "");
  if (host === "twitter.com") host = "x.com";
  const path = u.pathname.replace(/\/+$/, "");
  const canonical = canonicalPostKey(host, path, u.searchParams);
  if (canonical) return canonical;
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k));
  params.sort(([a], [b]) => a.localeCompare(b));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : "";
  return `${host}${path}${query}`;
}

const INSTAGRAM_POST = /^\/(?:p|reel|reels|tv)\/([^/]+)/;
const INSTAGRAM_USER_POST = /^\/(?!(?:p|reel|reels|tv|stories|explore)\/)[^/]+\/(?:p|reel|reels|tv)\/([^/]+)/;
const YOUTUBE_HOSTS = new Set(["youtube.com", "music.youtube.com", "youtube-nocookie.com"]);
const YOUTUBE_VIDEO = /^\/(?:shorts|embed|live|v|e)\/([^/]+)/;
const X_STATUS = /^\/(?:i\/web|[^/]+)\/status(?:es)?\/([^/]+)/;
const TIKTOK_VIDEO = /^\/@([^/]+)\/(video|photo)\/([^/]+)/;

/** The one form of a post named by its id on its platform, or null when the address does not name one. */
function canonicalPostKey(host: string, path: string, params: URLSearchParams): string | null {
  if (host === "instagram.com") {
    const id = INSTAGRAM_POST.exec(path)?.[1] ?? INSTAGRAM_USER_POST.exec(path)?.[1];
    return id ? `instagram.com/p/${id}` : null;
  }
  if (host === "youtu.be") {
    const id = path.split("/")[1];
    return id ? youtubeKey(id) : null;
  }
  if (YOUTUBE_HOSTS.has(host)) {
    const id = path === "/watch" ? params.get("v") : YOUTUBE_VIDEO.exec(path)?.[1];
    return id ? youtubeKey(id) : null;
  }
  if (host === "x.com") {
    const id = X_STATUS.exec(path)?.[1];
    return id ? `x.com/i/status/${id}` : null;
  }
  if (host === "tiktok.com") {
    const match = TIKTOK_VIDEO.exec(path);
    return match ? `tiktok.com/@${match[1]!.toLowerCase()}/${match[2]}/${match[3]}` : null;
  }
  return null;
}

const youtubeKey = (id: string) => `youtube.com/watch?${new URLSearchParams([["v", id]]).toString()}`;

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
