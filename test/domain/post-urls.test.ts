import { describe, expect, it } from "vitest";
import { formatOfUrl, handleInUrl, platformOfUrl, postKey } from "../../src/domain/post-urls.ts";

describe("the platform of a post's address", () => {
  it.each([
    ["https://www.tiktok.com/@kate/video/7301", "tiktok"],
    ["https://vm.tiktok.com/ZMabc/", "tiktok"],
    ["https://www.instagram.com/p/Cxyz/", "instagram"],
    ["https://instagram.com/reel/Cxyz", "instagram"],
    ["https://www.instagram.com/stories/kate/123/", "instagram"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube"],
    ["https://youtube.com/shorts/abc123", "youtube"],
    ["https://youtu.be/dQw4w9WgXcQ", "youtube"],
    ["https://m.youtube.com/watch?v=x", "youtube"],
    ["https://www.linkedin.com/posts/kate_activity-1", "linkedin"],
    ["https://www.threads.net/@kate/post/C1", "threads"],
    ["https://www.reddit.com/r/fitness/comments/abc/x/", "reddit"],
    ["https://www.twitch.tv/videos/123", "twitch"],
    ["https://x.com/kate/status/1", "x"],
    ["https://twitter.com/kate/status/1", "x"],
    ["https://kate.blog/review", "other"],
    ["https://nottiktok.com/x", "other"],
  ])("%s is %s", (url, platform) => expect(platformOfUrl(url)).toBe(platform));
});

describe("the same post written differently", () => {
  const same = (a: string, b: string) => expect(postKey(a)).toBe(postKey(b));
  it("ignores scheme, www., tracking parameters and a trailing slash", () => {
    same("https://www.tiktok.com/@kate/video/7301?is_from_webapp=1&sender_device=pc", "http://tiktok.com/@kate/video/7301/");
    same("https://www.instagram.com/p/Cxyz/?igsh=abc&utm_source=ig_web_copy_link", "https://instagram.com/p/Cxyz");
    same("https://x.com/kate/status/1?s=20&t=abc", "https://twitter.com/kate/status/1");
  });
  it("knows youtu.be and youtube.com/watch are one video, and keeps the video id", () => {
    same("https://youtu.be/dQw4w9WgXcQ?si=xyz", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share");
    expect(postKey("https://www.youtube.com/watch?v=AAA")).not.toBe(postKey("https://www.youtube.com/watch?v=BBB"));
  });
  it("keeps what identifies a post: path case and real parameters", () => {
    expect(postKey("https://www.instagram.com/p/AbC/")).not.toBe(postKey("https://www.instagram.com/p/abc/"));
    expect(postKey("https://shop.example/p?id=1")).not.toBe(postKey("https://shop.example/p?id=2"));
  });
});

describe("hints from the address", () => {
  it("reads the format and the handle where the address has them", () => {
    expect(formatOfUrl("https://youtube.com/shorts/x")).toBe("short-video");
    expect(formatOfUrl("https://youtube.com/watch?v=x")).toBe("long-video");
    expect(formatOfUrl("https://instagram.com/stories/kate/1")).toBe("story");
    expect(formatOfUrl("https://kate.blog/x")).toBeNull();
    expect(handleInUrl("https://www.tiktok.com/@Kate.Lifts/video/1")).toBe("kate.lifts");
    expect(handleInUrl("https://instagram.com/p/x")).toBeNull();
  });
});
