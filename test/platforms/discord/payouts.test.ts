// Payouts in Discord (issue 22): an admin (Manage Server) records a payment with Discord's typed
// options; it lowers "owed" to the cent both in the team's /payout list and in the linked creator's
// private /my earnings; a member without Manage Server may not record one, a creator may not see
// the list, and the CSV arrives as a file. The real discord.js client against the fake Discord.

import { afterAll, beforeAll, expect, it } from "vitest";
import { COLORS } from "../../../src/platforms/discord/embeds.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness, type Who } from "./harness.ts";

const guild = FakeDiscord.guild("Ambassadors");
const carol = FakeDiscord.user("carol");
const bob = FakeDiscord.user("bob");
const kate = { ...FakeDiscord.user("kate"), nick: "Kate Lifts" };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [guild] });
});
afterAll(() => h?.close());

const admin: Who = { guild, user: carol, manageServer: true };
const member: Who = { guild, user: bob };
const creator: Who = { guild, user: kate };

it("a payment recorded by an admin lowers owed in /payout list and in the creator's /my earnings, to the cent", async () => {
  for (const [command, sub, values] of [
    ["creator", "add", { handle: "kate", platform: "tiktok", followers: 48_000 }],
    ["creator", "add", { handle: "tom", platform: "tiktok", followers: 9_000 }],
    ["campaign", "new", { name: "Spring Launch" }],
    ["campaign", "enroll", { campaign: "Spring Launch", handle: "kate", fee: "$300", product: "$45", commission: "10%" }],
    ["campaign", "enroll", { campaign: "Spring Launch", handle: "tom", fee: "$777" }],
    ["code", "add", { handle: "kate", campaign: "Spring Launch", code: "KATE10" }],
    ["post", "log", { url: "https://www.tiktok.com/@kate/video/1", handle: "kate", views: 1000 }],
    ["code", "redeem", { code: "KATE10", revenue: "$100.05", order: "1" }],
    ["creator", "link", { handle: "kate", person: kate }],
  ] as const) {
    const answer = await h.slash(admin, command, sub, values);
    expect(answer.embeds[0]?.color, `${command} ${sub}: ${answer.text}`).toBe(COLORS.ok);
  }
  // $300 fee + 10% of $100.05 = $310.005, owed $310.01; the $45 product is in kind.
  expect((await h.slash(member, "payout", "record", { handle: "kate", amount: "$300" })).text).toContain("Only admins can use /payout record.");
  const recorded = await h.slash(admin, "payout", "record", { handle: "kate", amount: "$300", ref: "INV-1" });
  expect(recorded.ephemeral).toBe(true);
  expect(recorded.text).toContain('Recorded $300.00 paid to @kate for "Spring Launch"');
  expect(recorded.text).toContain("Owed now: $10.01");
  expect((await h.slash(admin, "payout", "record", { handle: "kate", amount: "$5", ref: "inv-1" })).text).toContain("Ref INV-1 is already recorded");

  const list = await h.slash(admin, "payout", "list", {});
  expect(list.text).toMatch(/@kate\s+Spring Launch\s+\$310\.01\s+\$300\.00\s+\$10\.01/);

  const mine = await h.slash(creator, "my", "", { view: "earnings" });
  expect(mine.ephemeral).toBe(true);
  expect(mine.text).toContain("Paid so far: $300.00");
  expect(mine.text).toContain("Owed now: $10.01");
  for (const other of ["$777", "@tom"]) expect(mine.text).not.toContain(other);
  expect((await h.slash(creator, "payout", "list", {})).text).toContain("This is for the team");

  const csv = await h.slash(admin, "payout", "list", { status: "all", format: "csv" });
  expect(csv.message.files.map((f) => f.name)).toEqual(["payouts-all-all.csv"]);
  const rows = csv.message.files[0]!.data.toString("utf8").trimEnd().split("\n");
  expect(rows[0]).toBe("campaign,handle,currency,fees_earned,commission_earned,earned,in_kind,paid,owed,last_payment_date,last_payment_ref");
  expect(rows.slice(1)).toEqual([
    expect.stringMatching(/^Spring Launch,kate,USD,300\.00,10\.01,310\.01,45\.00,300\.00,10\.01,\d{4}-\d{2}-\d{2},INV-1$/),
    "Spring Launch,tom,USD,0.00,0.00,0.00,0.00,0.00,0.00,,",
  ]);
});
