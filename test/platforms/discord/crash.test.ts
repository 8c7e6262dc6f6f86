// A real bot process killed with SIGKILL while a burst of /code redeem interactions (a command
// that writes) waits its turn, then started again on the same database (issue 19 item 1). Every
// interaction the first process deferred ("thinking…") is stored exactly once and answered
// through the interaction's webhook: by the first process, or after the restart by the second
// (its result, or, when its work was saved but the first process died around its answer, a note).

import { afterAll, beforeAll, expect, test } from "vitest";
import { CRASH_TEST_MS, CRASH_WAIT_MS, crashScene, dollars, expectAnsweredOnce, expectStoredOnce } from "../../helpers/crash.ts";
import { FakeDiscord, type RecordedRequest, type SentInteraction } from "./fake-discord.ts";
import { embedText } from "./harness.ts";

/** Sent at once: all but the first wait behind others, so the bot defers them (and keeps them in its inbox). */
const COMMANDS = 500;
const guild = FakeDiscord.guild("Kettlebell Club");
const alice = FakeDiscord.user("alice");

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start([guild]);
});
afterAll(() => fake?.close());

const redeem = (i: number): SentInteraction =>
  fake.slash({
    guild,
    user: alice,
    command: "code",
    options: [{ name: "redeem", type: 1, options: [{ name: "code", type: 3, value: "KATE15" }, { name: "revenue", type: 3, value: dollars(i) }] }],
  });

/** What reached the person after the deferral: edits of the "thinking…" message and follow-ups, as text. */
function answersTo(interaction: SentInteraction): string[] {
  const webhook = `/api/v10/webhooks/${fake.applicationId}/${interaction.token}`;
  return fake.requests
    .filter((r) => (r.method === "PATCH" && decodeURIComponent(r.path) === `${webhook}/messages/@original`) || (r.method === "POST" && r.path === webhook))
    .map((r: RecordedRequest) => [r.json?.content ?? "", ...(r.json?.embeds ?? []).map(embedText)].join("\n").trim());
}

const callbackType = (interaction: SentInteraction) =>
  fake.requests.find((r) => r.method === "POST" && r.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`)?.json?.type;

test("kill -9 while deferred interactions wait: each is stored once and answered through its webhook after the restart", async () => {
  const scene = await crashScene("discord-crash", { platform: "discord", workspaceId: guild.id, userId: alice.id, userName: "alice", channelId: fake.channelOf(guild) });
  const env = { DISCORD_TOKEN: "crash-test-token", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
  const first = scene.start(env);
  await first.logs.waitFor("bot started", CRASH_WAIT_MS);

  const sent = Array.from({ length: COMMANDS }, (_, i) => redeem(i));
  const deferred = () => sent.filter((s) => callbackType(s) === 5);
  // Killed once many were deferred (and so promised an answer) and are still waiting their turn.
  await waitUntil(() => deferred().length >= 30, "30 deferrals", CRASH_WAIT_MS);
  await first.kill("SIGKILL");

  const promised = sent.map((s, i) => ({ s, i })).filter(({ s }) => callbackType(s) === 5);
  const unanswered = promised.filter(({ s }) => answersTo(s).length === 0);
  // The test means something only if the kill left deferred interactions unanswered.
  expect(unanswered.length).toBeGreaterThan(10);

  const second = scene.start(env);
  await second.logs.waitFor("bot started", CRASH_WAIT_MS);
  await waitUntil(() => promised.every(({ s }) => answersTo(s).length > 0), "an answer to every deferred interaction", CRASH_WAIT_MS);
  await second.kill("SIGTERM", CRASH_WAIT_MS);
  expect((await second.exited).code).toBe(0);

  expectStoredOnce(await scene.stored(), promised.map(({ i }) => i));
  for (const { s, i } of promised) expectAnsweredOnce(i, answersTo(s));
  // None of them is left in the inbox (answered); what is left was never deferred, and waits for a start.
  const left = await scene.leftInInbox();
  expect(promised.filter(({ s }) => left.has(s.token))).toEqual([]);
  expect(second.logs.lines.some((l) => l.msg === "acknowledged commands recovered" && l.ran > 0)).toBe(true);
}, CRASH_TEST_MS);

function waitUntil(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`gave up waiting for ${what}`));
      setTimeout(poll, 25);
    };
    poll();
  });
}
