// Payouts in Slack (issue 22): an admin records a payment; it lowers "owed" to the cent in the
// team's /payout list (acknowledged first, as a slow command) and in the linked creator's private
// /my earnings; a member who is not a Slack admin may not record one. The real adapter against the
// fake Slack.

import { afterAll, beforeAll, expect, test } from "vitest";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({
    users: {
      UADA: { is_admin: true, profile: { display_name: "Ada Admin" } },
      UBOB: { profile: { display_name: "Bob" } },
      UKATE: { real_name: "Kate Lifts" },
    },
  });
});
afterAll(() => h?.close());

test("a payment recorded by an admin lowers owed in /payout list and in the creator's /my earnings, to the cent", async () => {
  const ada = { team: "T-PAYOUTS-1", user: "UADA", userName: "ada" };
  const bob = { team: "T-PAYOUTS-1", user: "UBOB", userName: "bob" };
  const kate = { team: "T-PAYOUTS-1", user: "UKATE", userName: "kate" };
  for (const line of [
    "/creator add kate tiktok 48k",
    "/creator add tom tiktok 9k",
    '/campaign new "Spring Launch"',
    '/campaign enroll "Spring Launch" kate fee:$300 product:$45 commission:10%',
    '/campaign enroll "Spring Launch" tom fee:$777',
    '/code add kate "Spring Launch" code:KATE10',
    "/post log https://www.tiktok.com/@kate/video/1 kate views:1000",
    "/code redeem KATE10 $100.05 order:1",
  ]) {
    expect((await h.send(line, ada)).ack?.response_type, line).toBe("in_channel");
  }
  expect(messageText((await h.send("/creator link kate <@UKATE|kate>", { ...ada, markup: true })).ack)).toContain("Linked Kate Lifts to @kate");

  expect(messageText((await h.send("/payout record kate $300", bob)).ack)).toContain("Only admins can use /payout record.");
  const sent = await h.send("/payout record kate $300 ref:INV-1", ada);
  expect(sent.ack?.response_type).toBe("ephemeral");
  const recorded = messageText(sent.ack);
  expect(recorded).toContain('Recorded $300.00 paid to @kate for "Spring Launch"');
  expect(recorded).toMatch(/Owed now\*?:?\*?\s*\$10\.01/);

  const list = await h.send("/payout list", bob);
  const [answer] = await list.waitForResponses(1);
  expect(messageText(answer)).toMatch(/@kate\s+Spring Launch\s+\$310\.01\s+\$300\.00\s+\$10\.01/);

  const mine = await h.send("/my earnings", kate);
  expect(mine.ack?.response_type).toBe("ephemeral");
  const text = messageText(mine.ack);
  expect(text).toMatch(/Owed now\*?:?\*?\s*\$10\.01/);
  for (const other of ["$777", "@tom"]) expect(text).not.toContain(other);
});
