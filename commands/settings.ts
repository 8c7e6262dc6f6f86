// /settings: the workspace's time zone, currency, number style, tier thresholds and how much
// evidence advice needs, whether /leaderboard shows revenue, and who else is an admin of the bot (admin:@person, admin-remove:@person; docs/roles.md).

import { UserError } from "../src/core/errors.ts";
import { opt } from "../src/core/options.ts";
import { findOrCreateMember } from "../src/core/lookup.ts";
import { reply } from "../src/core/reply.ts";
import { adminReason, namedAdminKey } from "../src/core/rights.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { isCurrencyCode } from "../src/core/currencies.ts";
import { parseCount, type Parsed, type PersonInput } from "../src/core/values.ts";
import { numberWriter } from "../src/core/format.ts";
import { thresholdsOf } from "../src/db/tier-thresholds.ts";
import { NUMBER_STYLES, type NumberStyle } from "../src/domain/number-styles.ts";
import { thresholdProblem, type TierThresholds } from "../src/domain/tiers.ts";

function parseThresholds(raw: string, style: NumberStyle): Parsed<TierThresholds> {
  const parts = raw.split(/[,;]\s*|\s+/).filter(Boolean);
  if (parts.length !== 4) return { ok: false, reason: `"${raw}" has ${parts.length} value(s), not 4` };
  const values: number[] = [];
  for (const part of parts) {
    const parsed = parseCount(part, style);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  const [nano, micro, macro, mega] = values as [number, number, number, number];
  const thresholds = { nano, micro, macro, mega };
  const problem = thresholdProblem(thresholds, numberWriter(style).count);
  return problem ? { ok: false, reason: problem } : { ok: true, value: thresholds };
}

const settings = action({
  name: "",
  description: "Workspace defaults: zone, currency, number style, thresholds, bot admins (no options: show them)",
  role: "admin",
  mutates: false,
  examples: ["/settings tz:Europe/Berlin currency:EUR numbers:1.234,56", "/settings tiers:1k,10k,100k,1m", "/settings min-orders:10 min-views:5k grace-hours:72", "/settings leaderboard-money:hidden", "/settings admin:@sam"],
  options: {
    tz: opt.timeZone("Time zone for dates, days and digests"),
    currency: opt.text("Default currency of new campaigns, e.g. USD", 3),
    numbers: opt.choice("How numbers and money are read and written: 1,234.56, 1.234,56 or 1 234,56", NUMBER_STYLES),
    tiers: opt.custom(
      "Lowest follower counts of nano, micro, macro and mega",
      "four rising numbers like 1000,10000,100000,1000000",
      (raw, env) => parseThresholds(raw, env.numberStyle),
      60,
      true,
    ),
    minOrders: opt.count("Orders before a sales or sign-up creator is advised for scaling (default 5)", { min: 1, max: 1_000_000 }),
    minViews: opt.count("Views before a creator of another objective is advised for scaling (default 1000)", { min: 1, max: 1_000_000_000 }),
    graceHours: opt.count("Hours after a first post before its results are judged (default 48)", { min: 0, max: 24 * 90 }),
    leaderboardMoney: opt.choice("Revenue on /leaderboard: shown (default) or hidden (orders stay)", ["shown", "hidden"] as const),
    admin: opt.person("Make this person an admin of the bot"),
    adminRemove: opt.person("Take back the bot admin rights given with admin:"),
    creatorRole: opt.platformRole("Discord: members with this role are creators (unlinked ones are told to /my claim)"),
    creatorRoleRemove: opt.boolean("Discord: no role makes creators any more (linked people stay creators)"),
  },
  async run(ctx, input) {
    const notes: string[] = [];
    if (input.admin) notes.push(await grantAdmin(ctx, input.admin));
    if (input.adminRemove) notes.push(await removeAdmin(ctx, input.adminRemove));
    const data: Record<string, string | number | boolean | null> = {};
    if (input.tz) data.timeZone = input.tz;
    if (input.currency) {
      const code = input.currency.toUpperCase();
      if (!isCurrencyCode(code)) throw new UserError("invalid_option", `Invalid currency: "${input.currency}" is not a currency code. Expected a code like USD, EUR or GBP.`);
      data.currency = code;
    }
    if (input.numbers) data.numberStyle = input.numbers;
    if (input.tiers) Object.assign(data, { tierNano: input.tiers.nano, tierMicro: input.tiers.micro, tierMacro: input.tiers.macro, tierMega: input.tiers.mega });
    if (input.minOrders !== undefined) data.adviceMinOrders = input.minOrders;
    if (input.minViews !== undefined) data.adviceMinViews = input.minViews;
    if (input.graceHours !== undefined) data.adviceGraceHours = input.graceHours;
    if (input.creatorRole !== undefined && input.creatorRoleRemove) {
      throw new UserError("invalid_option", "creator-role: and creator-role-remove: say opposite things: give one of them.");
    }
    if (input.creatorRole !== undefined || input.creatorRoleRemove) {
      if (ctx.platform !== "discord") {
        throw new UserError("invalid_option", "A creator role is Discord's: here, link each creator with /creator link <handle> <person>.");
      }
      data.creatorRoleId = input.creatorRole ?? null;
    }
    if (input.leaderboardMoney) data.leaderboardMoneyHidden = input.leaderboardMoney === "hidden";
    const changed = Object.keys(data).length > 0 || notes.length > 0;
    const workspace = Object.keys(data).length > 0 ? await ctx.db.workspace.update({ where: { id: ctx.workspace.id }, data }) : ctx.workspace;
    if (changed) ctx.describeChange(`settings: ${[...Object.entries(data).map(([k, v]) => `${k}=${v}`), ...notes].join(", ")}`);
    const t = thresholdsOf(workspace);
    // The reply already speaks the new style.
    const numbers = input.numbers ? numberWriter(input.numbers) : ctx.numbers;
    const granted = await ctx.db.member.findMany({ where: { workspaceId: ctx.workspace.id, adminGranted: true }, orderBy: { displayName: "asc" }, select: { displayName: true } });
    const r = reply(changed ? "Settings updated" : "Settings", changed ? "channel" : "ephemeral");
    for (const note of notes) r.text(note);
    return r
      .fields([
        { label: "Time zone", value: workspace.timeZone },
        { label: "Currency", value: workspace.currency },
        { label: "Numbers", value: `${numbers.style} (${numbers.money(123456, workspace.currency)}, ${numbers.percent(0.125, 1)})` },
        {
          label: "Tiers",
          value: `emerging < ${numbers.count(t.nano)} ≤ nano < ${numbers.count(t.micro)} ≤ micro < ${numbers.count(t.macro)} ≤ macro < ${numbers.count(t.mega)} ≤ mega`,
        },
        {
          label: "Advice",
          value: `scale from ${numbers.count(workspace.adviceMinOrders)} orders (sales, sign-ups) or ${numbers.count(workspace.adviceMinViews)} views (others); results judged ${numbers.count(workspace.adviceGraceHours)} hours after a first post`,
        },
        { label: "Leaderboard", value: workspace.leaderboardMoneyHidden ? "money hidden (orders shown, revenue not)" : "money shown (orders and revenue)" },
        { label: "Admins made here", value: granted.map((m) => m.displayName).join(", ") || "none" },
        ctx.platform === "discord" ? { label: "Creator role", value: workspace.creatorRoleId ? `<@&${workspace.creatorRoleId}>` : "none" } : null,
      ])
      .build();
  },
});

/** admin:@person: an admin of the bot from now on, whatever the platform says of them. */
async function grantAdmin(ctx: CommandContext, person: PersonInput): Promise<string> {
  const member = await findOrCreateMember(ctx.db, ctx.workspace, person);
  await ctx.db.member.update({ where: { id: member.id }, data: { adminGranted: true, role: "admin" } });
  return member.adminGranted ? `${member.displayName} was already made an admin here.` : `${member.displayName} is now an admin of the bot.`;
}

/** admin-remove:@person: takes back what admin: gave (and, in the local workspace, the first person's rights). */
async function removeAdmin(ctx: CommandContext, person: PersonInput): Promise<string> {
  const member = await findOrCreateMember(ctx.db, ctx.workspace, person);
  const local = ctx.workspace.platform === "local";
  if (local) {
    // The shell has no platform admins: someone must stay.
    const others = await ctx.db.member.count({ where: { workspaceId: ctx.workspace.id, id: { not: member.id }, OR: [{ role: "admin" }, { adminGranted: true }] } });
    if (others === 0) throw new UserError("invalid_state", `${member.displayName} is the only admin here; make someone else an admin first (/settings admin:<name>).`);
  }
  const facts = { platform: ctx.platform, userId: member.externalId, platformAdmin: local ? undefined : (person.platformAdmin ?? false) };
  const after = { role: local ? ("member" as const) : member.role, adminGranted: false };
  const still = adminReason(facts, after, ctx.namedAdmins);
  const linked = (await ctx.db.creatorLink.count({ where: { memberId: member.id } })) > 0;
  const role = still ? "admin" : linked ? "creator" : "member";
  await ctx.db.member.update({ where: { id: member.id }, data: { adminGranted: false, role } });
  if (still === "named") return `${member.displayName} stays an admin: the bot's configuration names them (ADMINS has ${namedAdminKey(ctx.platform, member.externalId)}).`;
  if (still === "platform") return `${member.displayName} stays an admin: the platform says they administer this workspace.`;
  return `${member.displayName} is no longer an admin of the bot.`;
}

export default defineCommand({ name: "settings", description: "Workspace defaults: time zone, currency, number style, tier and advice thresholds, bot admins", actions: [settings] });
