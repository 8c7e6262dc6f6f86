// Creators in Slack (issue 22): a team member links a Slack user (a mention, looked up with
// users.info) to a creator profile; that person's /my is ephemeral, shows their own campaign, and a
// team command answers them with the creators' refusal. The real adapter against the fake Slack.

import { afterAll, beforeAll, expect, test } from "vitest";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({
    users: {
      UADA: { is_admin: true, profile: { display_name: "Ada Admin" } },
      UKATE: { real_name: "Kate Lifts" },
    },
  });
});
afterAll(() => h?.close());

test("a linked creator's /my is ephemeral and theirs; a team command is refused; a typed name links nobody", async () => {
  const ada = { team: "T-CREATORS-1", user: "UADA", userName: "ada" };
  const kate = { team: "T-CREATORS-1", user: "UKATE", userName: "kate" };
  for (const line of ["/creator add kate tiktok 48k", "/creator add tom tiktok 9k", '/campaign new "Spring Launch"', '/campaign enroll "Spring Launch" kate fee:$300', '/campaign enroll "Spring Launch" tom fee:$777', '/code add kate "Spring Launch" code:KATE15', '/code add tom "Spring Launch" code:TOM25']) {
    expect((await h.send(line, ada)).ack?.response_type, line).toBe("in_channel");
  }
  expect(messageText((await h.send("/creator link kate kate", ada)).ack)).toContain('"kate" is a name typed as text');
  const linked = await h.send("/creator link kate <@UKATE|Evil-Twin>", { ...ada, markup: true });
  expect(messageText(linked.ack)).toContain("Linked Kate Lifts to @kate");

  const mine = await h.send("/my", kate);
  expect(mine.ack?.response_type).toBe("ephemeral");
  const text = messageText(mine.ack);
  expect(text).toContain("@kate: your campaigns");
  expect(text).toContain("KATE15");
  expect(text).toContain("$300.00");
  for (const other of ["TOM25", "$777", "@tom"]) expect(text).not.toContain(other);

  const refused = await h.send("/campaign show \"Spring Launch\"", kate);
  expect(refused.ack?.response_type).toBe("ephemeral");
  expect(messageText(refused.ack)).toContain("This is for the team; as a creator you can use");
  expect(messageText(refused.ack)).not.toContain("$777");
});
