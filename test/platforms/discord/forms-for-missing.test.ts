// A command a form completes, sent in Discord with none of its required options (a bare
// /creator add, which Discord lets through because those options are registered optional for
// it): the first response is a modal (type 9) asking them; its submission runs the command as
// the person who sent it (same role check, same activity record, same reply). With some but not
// all of them, the usage error stays.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedText, startHarness, type Harness, type Who } from "./harness.ts";
import { FakeDiscord } from "./fake-discord.ts";
import type { AnyOption } from "../../../src/core/options.ts";

const club = FakeDiscord.guild("Form Club");
const alice = FakeDiscord.user("alice");
const kate = FakeDiscord.user("kate");
const admin: Who = { guild: club, user: alice, manageServer: true };
const creator: Who = { guild: club, user: kate, roles: [FakeDiscord.creatorsRole(club)] };
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ guilds: [club] });
  await h.slash(admin, "help", "", {});
  expect((await h.slash(admin, "settings", "", { "creator-role": FakeDiscord.creatorsRole(club) })).text).toContain("Creator role");
}, 60_000);
afterAll(() => h?.close());

/** Submits `modal` as `who` with `fields`; returns what a person reads of the answer. */
async function submit(modal: { custom_id: string }, who: Who, fields: Record<string, string>) {
  const interaction = h.fake.modalSubmit({ guild: who.guild, user: who.user, manageServer: who.manageServer, roles: who.roles, customId: modal.custom_id, fields });
  const callback = await h.fake.callbackOf(interaction);
  const message = callback.json.type === 5 ? await h.fake.followUpOf(interaction) : callback;
  const data = message === callback ? callback.json.data : message.json;
  const text = [data?.content ?? "", ...(data?.embeds ?? []).map(embedText)].join("\n").replace(/\\([_*~`|\\])/g, "$1");
  return { text, ephemeral: ((data?.flags ?? 0) & 64) === 64 };
}

describe("forms for missing options in Discord", () => {
  it("every action a form completes asks what a modal can: at most 5 text fields, never a person, role or file", () => {
    const forms = h.commands.flatMap((c) => c.actions.filter((a) => a.formWhenMissing).map((a) => ({ path: `/${c.name} ${a.name}`, required: Object.values(a.options as Record<string, AnyOption>).filter((o) => o.required) })));
    expect(forms.map((f) => f.path)).toEqual(["/creator add", "/campaign enroll", "/post log"]);
    for (const form of forms) {
      expect(form.required.length, form.path).toBeGreaterThan(0);
      expect(form.required.length, form.path).toBeLessThanOrEqual(5);
      for (const option of form.required) expect(["person", "role", "file", "secret"], `${form.path} ${option.name}`).not.toContain(option.kind);
    }
  });

  it("a bare /creator add answers with a modal asking handle, platform and followers; its submission adds the creator", async () => {
    const answer = await h.slash(admin, "creator", "add", { niche: "kettlebells" });
    expect(answer.callback.json.type).toBe(9);
    const modal = answer.callback.json.data;
    expect(modal.title).toBe("/creator add");
    const fields = modal.components.map((c: any) => [c.label, c.component.custom_id, c.component.required]);
    expect(fields).toEqual([
      ["handle", "handle", true],
      ["platform", "platform", true],
      ["followers", "followers", true],
    ]);
    expect(await h.db.creator.count()).toBe(0);

    const sent = await submit(modal, admin, { handle: "@kate", platform: "tiktok", followers: "48k" });
    expect(sent.ephemeral).toBe(false);
    expect(sent.text).toContain("@kate");
    const stored = await h.db.creator.findFirstOrThrow({ where: { handle: "kate" } });
    // The niche typed with the bare command was kept.
    expect(stored.niche).toBe("kettlebells");
    const activity = await h.db.activity.findFirst({ where: { command: { startsWith: "/creator add" } } });
    expect(activity?.summary).toContain("kate");
  });

  it("a creator (not the team) is refused privately when the form is sent; nothing is stored", async () => {
    const answer = await h.slash(creator, "creator", "add", {});
    expect(answer.callback.json.type).toBe(9);
    const sent = await submit(answer.callback.json.data, creator, { handle: "@sneaky", platform: "tiktok", followers: "1k" });
    expect(sent.ephemeral).toBe(true);
    expect(sent.text).toContain("This is for the team");
    expect(await h.db.creator.count({ where: { handle: "sneaky" } })).toBe(0);
  });

  it("with some but not all required options, the usage error stays and no modal opens", async () => {
    const answer = await h.slash(admin, "creator", "add", { handle: "tom" });
    expect(answer.callback.json.type).not.toBe(9);
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain("needs platform:");
    expect(await h.db.creator.count({ where: { handle: "tom" } })).toBe(0);
  });
});
