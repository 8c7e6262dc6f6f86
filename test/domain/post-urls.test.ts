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

describe("one post, however its address is written (issue 20)", () => {
  const allOne = (...urls: string[]) => expect(new Set(urls.map(postKey)), urls.join("\n")).toEqual(new Set([postKey(urls[0]!)]));

  it("a TikTok video whatever the case of the handle", () => {
    allOne("https://www.tiktok.com/@Kate.Lifts/video/7301", "https://tiktok.com/@kate.lifts/video/7301?lang=en", "https://m.tiktok.com/@KATE.LIFTS/video/7301/");
    expect(postKey("https://www.tiktok.com/@Kate/video/7301")).toBe("tiktok.com/@kate/video/7301");
    expect(postKey("https://www.tiktok.com/@kate/video/7301")).not.toBe(postKey("https://www.tiktok.com/@kate/video/7302"));
  });

  it("an Instagram post as /p/, /reel/, /reels/, /tv/ or /<user>/p/", () => {
    allOne(
      "https://www.instagram.com/p/Ck8s1/",
      "https://instagram.com/reel/Ck8s1",
      "https://www.instagram.com/reels/Ck8s1/?igsh=abc",
      "https://www.instagram.com/tv/Ck8s1",
      "https://www.instagram.com/kate/p/Ck8s1/",
      "https://www.instagram.com/kate/reel/Ck8s1/",
      "https://m.instagram.com/p/Ck8s1/?img_index=2",
    );
    expect(postKey("https://www.instagram.com/p/Ck8s1/")).toBe("instagram.com/p/Ck8s1");
    // The id is case-sensitive, and a story is not a post id.
    expect(postKey("https://www.instagram.com/p/CK8S1/")).not.toBe(postKey("https://www.instagram.com/p/Ck8s1/"));
    expect(postKey("https://www.instagram.com/stories/kate/123/")).toBe("instagram.com/stories/kate/123");
  });

  it("a YouTube video by its id in any form", () => {
    allOne(
      "https://www.youtube.com/watch?v=an4Kb1",
      "https://youtube.com/watch?v=an4Kb1&t=42s&list=PL1&feature=share",
      "https://youtu.be/an4Kb1?si=xyz",
      "https://www.youtube.com/shorts/an4Kb1",
      "https://www.youtube.com/embed/an4Kb1?start=3",
      "https://www.youtube-nocookie.com/embed/an4Kb1",
      "https://www.youtube.com/live/an4Kb1",
      "https://m.youtube.com/watch?v=an4Kb1",
      "https://music.youtube.com/watch?v=an4Kb1",
    );
    expect(postKey("https://youtu.be/an4Kb1")).toBe("youtube.com/watch?v=an4Kb1");
    expect(postKey("https://www.youtube.com/@kate")).toBe("youtube.com/@kate");
  });

  it("an X status by its id whatever handle precedes it, on x.com or twitter.com", () => {
    allOne(
      "https://x.com/kate/status/1790",
      "https://twitter.com/Kate/status/1790?s=20",
      "https://mobile.twitter.com/someone_else/status/1790",
      "https://x.com/i/web/status/1790",
      "https://x.com/kate/status/1790/photo/1",
      "https://twitter.com/kate/statuses/1790",
    );
    expect(postKey("https://x.com/kate/status/1790")).toBe("x.com/i/status/1790");
  });
});
