// A real bot process killed with SIGKILL during a burst of signed /code redeem commands, then
// started again on the same database (issue 19 item 1). Every command the first process
// acknowledged "Working on it…" is stored exactly once and answered through its response URL:
// by the first process, or after the restart by the second (its result, or, when its work was
// saved but the first process died around its answer, a note saying so).

import { afterAll, beforeAll, expect, test } from "vitest";
import { CRASH_TEST_MS, CRASH_WAIT_MS, crashScene, dollars, expectAnsweredOnce, expectStoredOnce } from "../../helpers/crash.ts";
import { FakeSlack } from "./fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, commandPayload, messageText, postSigned } from "./slack-side.ts";

/** Enough that the first process is still working through them when it is killed. */
const COMMANDS = 300;
const TEAM = "T-CRASH";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
});
afterAll(() => fake?.close());

test("kill -9 during a burst: every command acknowledged 'Working on it…' is stored once and answered after the restart", async () => {
  const scene = await crashScene("slack-crash", { platform: "slack", workspaceId: TEAM, userId: "U1", userName: "u1", channelId: "C1" });
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0" };
  const first = scene.start(env);
  const url = (await first.logs.waitFor("slack adapter started", CRASH_WAIT_MS)).url as string;

  // The burst: acknowledged "Working on it…" (or answered at once), or cut off by the kill.
  const acks = new Map<number, string>();
  const sent = Array.from({ length: COMMANDS }, (_, i) => {
    const body = new URLSearchParams(commandPayload(`/code redeem KATE15 ${dollars(i)}`, { team: TEAM, user: "U1" }, fake.responseUrl(`c${i}`))).toString();
    return postSigned(url, body).then(
      (answer) => void (answer.status === 200 && acks.set(i, messageText(answer.body))),
      () => undefined,
    );
  });
  // Killed once some commands were answered and many acknowledged ones were not yet (counted,
  // not assumed from the time: how far answers trail acknowledgements depends on the machine).
  const waiting = () => [...acks].filter(([i, text]) => text === "Working on it…" && fake.responsesTo(`c${i}`).length === 0).length;
  await fake.waitFor(() => fake.responses.length >= 5 && waiting() >= 30, "the first answers, with 30 acknowledged commands not answered yet", CRASH_WAIT_MS);
  await first.kill("SIGKILL");
  await Promise.all(sent);

  const working = [...acks].filter(([, text]) => text === "Working on it…").map(([i]) => i);
  const unanswered = working.filter((i) => fake.responsesTo(`c${i}`).length === 0);
  // The test means something only if the kill left acknowledged commands unanswered.
  expect(unanswered.length).toBeGreaterThan(10);

  const second = scene.start(env);
  await second.logs.waitFor("slack adapter started", CRASH_WAIT_MS);
  await fake.waitFor(() => working.every((i) => fake.responsesTo(`c${i}`).length > 0), "an answer to every acknowledged command", CRASH_WAIT_MS);
  await second.kill("SIGTERM", CRASH_WAIT_MS);
  expect((await second.exited).code).toBe(0);

  expectStoredOnce(await scene.stored(), working);
  for (const i of working) expectAnsweredOnce(i, fake.responsesTo(`c${i}`).map(messageText));
  // None of them is left in the inbox (answered).
  const left = await scene.leftInInbox();
  expect(working.filter((i) => left.has(fake.responseUrl(`c${i}`)))).toEqual([]);
  // The second process did run commands the first had only acknowledged.
  expect(second.logs.lines.some((l) => l.msg === "acknowledged commands recovered" && l.ran > 0)).toBe(true);
}, CRASH_TEST_MS);
