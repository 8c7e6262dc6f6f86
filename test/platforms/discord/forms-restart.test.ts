// Discord forms survive a restart: the command a modal completes waits in the database
// (PendingForm), not in one process's memory. A bare /creator add opens its modal in one bot;
// that bot stops, a new client and core start on the same database (as after a restart, or as
// another replica would be), and the submission there runs the command once. Sending it again
// runs nothing; a form past its 15 minutes answers that it expired.

import { afterAll, describe, expect, it } from "vitest";
import { dropDatabase, freshDatabaseUrl } from "../../helpers/core.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { embedText, startHarness, type Harness, type Who } from "./harness.ts";

const club = FakeDiscord.guild("Restart Club");
const admin: Who = { guild: club, user: FakeDiscord.user("alice"), manageServer: true };
const url = freshDatabaseUrl();
const harnesses: Harness[] = [];

afterAll(async () => {
  for (const h of harnesses) await h.close().catch(() => undefined);
  await dropDatabase(url);
});

async function start() {
  const h = await startHarness({ guilds: [club], databaseUrl: url });
  harnesses.push(h);
  return h;
}

async function submit(h: Harness, customId: string, fields: Record<string, string>) {
  const interaction = h.fake.modalSubmit({ guild: club, user: admin.user, manageServer: true, customId, fields });
  const callback = await h.fake.callbackOf(interaction);
  const message = callback.json.type === 5 ? await h.fake.followUpOf(interaction) : callback;
  const data = message === callback ? callback.json.data : message.json;
  return [data?.content ?? "", ...(data?.embeds ?? []).map(embedText)].join("\n");
}

describe("Discord forms across a restart", () => {
  it("a modal opened before a restart is submitted after it: the command runs once; again, nothing; expired, said so", async () => {
    const first = await start();
    await first.slash(admin, "help", "", {});
    const opened = await first.slash(admin, "creator", "add", { niche: "kettlebells" });
    expect(opened.callback.json.type).toBe(9);
    const customId = opened.callback.json.data.custom_id as string;
    expect(await first.db.pendingForm.count()).toBe(1);
    await first.close();
    harnesses.length = 0;

    // A new client and core on the same database: nothing of the first process's memory.
    const second = await start();
    const text = await submit(second, customId, { handle: "@kate", platform: "tiktok", followers: "48k" });
    expect(text).toContain("Registered @kate");
    const creators = await second.db.creator.findMany();
    expect(creators.map((c) => [c.handle, c.niche])).toEqual([["kate", "kettlebells"]]);
    expect(await second.db.activity.count({ where: { command: "/creator add" } })).toBe(1);

    const again = await submit(second, customId, { handle: "@kate2", platform: "tiktok", followers: "48k" });
    expect(again).toContain("already sent");
    expect(await second.db.creator.count()).toBe(1);

    const late = await second.slash(admin, "creator", "add", {});
    const lateId = late.callback.json.data.custom_id as string;
    await second.db.pendingForm.update({ where: { id: lateId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await submit(second, lateId, { handle: "@tom", platform: "tiktok", followers: "12k" });
    expect(expired).toContain("This form has expired");
    expect(await second.db.creator.count()).toBe(1);
    expect(await second.db.pendingForm.count()).toBe(0);
  });
});
