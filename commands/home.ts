// /home: the home view (issue 23), privately. For the team: deliverables due this week, money
// owed, the latest figures of the active campaigns (src/reports/home.ts); for a linked creator:
// their whole /my. Slack also shows it in the App Home tab (src/platforms/slack/app-home.ts), where
// it is built by running this command as the person who opened the tab.

import { defineCommand, action } from "../src/core/spec.ts";
import { UserError } from "../src/core/errors.ts";
import { teamHome } from "../src/reports/home.ts";
import { myWhole, NOT_LINKED } from "./my.ts";

const home = action({
  name: "",
  description: "Your home view, privately: what is due this week, money owed and the latest figures; a creator's own /my",
  role: "member",
  creators: "allowed",
  mutates: false,
  examples: ["/home"],
  options: {},
  async run(ctx) {
    if (ctx.role !== "creator") return teamHome(ctx);
    if (ctx.creator) return myWhole(ctx, ctx.creator);
    throw new UserError("not_found", NOT_LINKED, { hints: ["Ask to be linked with /my claim <handle> (your creator handle)."] });
  },
});

export default defineCommand({
  name: "home",
  description: "Your home view: due this week, money owed, latest figures (a creator: their /my)",
  actions: [home],
});
