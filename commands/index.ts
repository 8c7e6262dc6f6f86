// Every top-level command. Adding a command = adding its file and one line here.

import type { CommandSpec } from "../src/core/spec.ts";
import activity from "./activity.ts";
import campaign from "./campaign.ts";
import code from "./code.ts";
import creator from "./creator.ts";
import digest from "./digest.ts";
import help from "./help.ts";
import home from "./home.ts";
import my from "./my.ts";
import leaderboard from "./leaderboard.ts";
import payout from "./payout.ts";
import post from "./post.ts";
import reminders from "./reminders.ts";
import report from "./report.ts";
import settings from "./settings.ts";
import shop from "./shop.ts";

export const commands: readonly CommandSpec[] = [creator, campaign, post, code, shop, report, leaderboard, payout, digest, reminders, activity, settings, my, home, help];
