import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
const TIKTOK = "https://www.tiktok.com/@kate/video/7301";
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

/** kate (TikTok and YouTube) and tom in Spring Launch, tom in Winter too, ann in neither. */
const CAMPAIGNS = [
  "/creator add kate tiktok 48k",
  "/creator account kate youtube 120k",
  "/creator add tom instagram 9k",
  "/creator add ann tiktok 20k",
  '/campaign new "Spring Launch"',
  "/campaign new Winter",
  '/campaign enroll "Spring Launch" kate',
  '/campaign enroll "Spring Launch" tom',
  "/campaign enroll Winter tom",
];
/** The campaigns with kate's TikTok post logged today, with its first snapshot. */
const WITH_KATES_TIKTOK = [...CAMPAIGNS, `/post log ${TIKTOK}?is_from_webapp=1 views:12k likes:900 comments:40 shares:10 saves:50`];

describe("/post log", () => {
  it("logs a TikTok post to kate's TikTok account, today, with a first snapshot", async () => {
    const ws = await bot.workspace(CAMPAIGNS);
    const reply = expectOk(await ws.run(`/post log ${TIKTOK}?is_from_webapp=1 views:12k likes:900 comments:40 shares:10 saves:50`));
    expect(reply.title).toBe(`Logged @kate's TikTok post in "Spring Launch"`);
    const post = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id }, include: { account: true, snapshots: true } });
    expect(post).toMatchObject({ platform: "tiktok", format: "short-video", postedDay: "2026-12-05", views: 12000, likes: 900, comments: 40, shares: 10, saves: 50, clicks: 0, disclosed: false });
    expect(post.account.platform).toBe("tiktok");
    expect(post.snapshots).toHaveLength(1);
    expect(await ws.text(`/post log https://www.youtube.com/shorts/k1 kate views:1k`)).toMatch(/Engagement rate:\s+0\.00% of 120,000 followers/);
  });

  it("notes a missing disclosure", async () => {
    const ws = await bot.workspace(CAMPAIGNS);
    const reply = await ws.run("/post log https://www.youtube.com/watch?v=k2 kate views:10 disclosed:no");
    expect(reply.notes.join(" ")).toMatch(/Not marked as disclosed/);
    const disclosed = await ws.run("/post log https://www.youtube.com/watch?v=k3 kate views:10 disclosed:yes");
    expect(disclosed.notes).toEqual([]);
  });

  it("refuses the same post twice, however its address is written, pointing at /post update", async () => {
    const ws = await bot.workspace(WITH_KATES_TIKTOK);
    const text = await ws.text("/post log http://tiktok.com/@kate/video/7301/?utm_source=x views:1");
    expect(text).toMatch(/already logged: @kate in "Spring Launch"[\s\S]*\/post update/);
    expect(await bot.db.post.count({ where: { workspaceId: ws.id, platform: "tiktok" } })).toBe(1);
  });

  it("needs an account on the post's platform", async () => {
    const ws = await bot.workspace(CAMPAIGNS);
    expect(await ws.text("/post log https://instagram.com/p/K1 kate")).toMatch(/@kate has no Instagram account[\s\S]*\/creator account @kate instagram/);
  });

  it("asks for the campaign when the creator is in several open ones, listing them", async () => {
    const ws = await bot.workspace(CAMPAIGNS);
    expect(await ws.text("/post log https://instagram.com/p/T1 tom")).toMatch(/Which campaign\?[\s\S]*"Spring Launch", "Winter"|Which campaign\?[\s\S]*"Winter", "Spring Launch"/);
    expectOk(await ws.run("/post log https://instagram.com/p/T1 tom Winter views:500 likes:50"));
    expect(await bot.db.post.count({ where: { workspaceId: ws.id, creator: { handleKey: "tom" } } })).toBe(1);
  });

  it("asks whose post it is when several creators fit, and refuses creators not enrolled", async () => {
    const ws = await bot.workspace(CAMPAIGNS);
    expectOk(await ws.run('/campaign enroll "Spring Launch" ann'));
    expect(await ws.text('/post log https://www.tiktok.com/video/9 campaign:"Spring Launch"')).toMatch(/Whose post is it\?[\s\S]*Candidates: .*@ann.*@kate|Candidates: .*@kate.*@ann/);
    expect(await ws.text("/post log https://www.tiktok.com/video/10 kate Winter")).toMatch(/@kate is not enrolled in "Winter"/);
  });

  it("refuses a day in the future and negative metrics", async () => {
    const ws = await bot.workspace(CAMPAIGNS);
    expect(await ws.text("/post log https://www.tiktok.com/@kate/video/11 posted:2026-12-06")).toMatch(/in the future/);
    expect(await ws.text("/post log https://www.tiktok.com/@kate/video/11 views:-5")).toMatch(/Invalid views/);
    expect(await bot.db.post.count({ where: { workspaceId: ws.id, url: { contains: "video/11" } } })).toBe(0);
  });
});

describe("/post update", () => {
  it("keeps metrics not given, writes a snapshot, and mentions a count that went down", async () => {
    const ws = await bot.workspace(WITH_KATES_TIKTOK);
    const reply = expectOk(await ws.run(`/post update ${TIKTOK} views:11,500 likes:1.2k disclosed:yes`));
    expect(reply.notes.join("\n")).toMatch(/views went down from 12,000 to 11,500/);
    const post = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id, platform: "tiktok", creator: { handleKey: "kate" } }, include: { snapshots: { orderBy: { id: "asc" } } } });
    expect(post).toMatchObject({ views: 11500, likes: 1200, comments: 40, shares: 10, saves: 50, disclosed: true });
    expect(post.snapshots.map((s) => [s.views, s.likes, s.comments])).toEqual([
      [12000, 900, 40],
      [11500, 1200, 40],
    ]);
  });

  it("needs something to update and a logged post", async () => {
    const ws = await bot.workspace(WITH_KATES_TIKTOK);
    expect(await ws.text(`/post update ${TIKTOK}`)).toMatch(/Nothing to update/);
    expect(await ws.text("/post update https://www.tiktok.com/@kate/video/404 views:1")).toMatch(/No post at/);
  });
});

describe("/post list and /post remove", () => {
  it("lists posts and only the undisclosed ones on request", async () => {
    // Five posts: kate's TikTok (disclosed) and three YouTube ones (two undisclosed), tom's in Winter.
    const ws = await bot.workspace([
      ...WITH_KATES_TIKTOK,
      `/post update ${TIKTOK} disclosed:yes`,
      "/post log https://www.youtube.com/shorts/k1 kate views:1k",
      "/post log https://www.youtube.com/watch?v=k2 kate views:10 disclosed:no",
      "/post log https://www.youtube.com/watch?v=k3 kate views:10 disclosed:yes",
      "/post log https://instagram.com/p/T1 tom Winter views:500 likes:50",
    ]);
    expect(await ws.text("/post list")).toMatch(/Posts \(5\)/);
    const undisclosed = await ws.text("/post list undisclosed:yes campaign:\"Spring Launch\"");
    expect(undisclosed).toMatch(/Posts \(2\), without disclosure/);
    expect(undisclosed).not.toContain("7301");
  });

  it("remove is for admins and deletes the snapshots too", async () => {
    const ws = await bot.workspace([...WITH_KATES_TIKTOK, `/post update ${TIKTOK} views:11,500`]);
    const post = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id, urlKey: { contains: "7301" } } });
    expect(await bot.db.metricSnapshot.count({ where: { postId: post.id } })).toBe(2);
    expect((await ws.run(`/post remove ${TIKTOK}`, { userId: "bob", userName: "bob" })).errorCode).toBe("not_allowed");
    expectOk(await ws.run(`/post remove ${TIKTOK}`));
    expect(await bot.db.post.count({ where: { workspaceId: ws.id, urlKey: { contains: "7301" } } })).toBe(0);
    expect(await bot.db.metricSnapshot.count({ where: { postId: post.id } })).toBe(0);
  });
});
