// Runs a command for a caller: finds the workspace and member (created on first use; admins as
// src/core/rights.ts says), resolves the people a command names through the platform, checks
// the role, runs the handler in one transaction with an activity record, and turns mistakes
// into clear replies. Every platform goes through here.

import { randomBytes } from "node:crypto";
import type { ChartDrawer } from "../charts/types.ts";
import type { Database } from "../db/client.ts";
import type { Member, Workspace } from "../generated/prisma/client.ts";
import type { Logger } from "../log.ts";
import { isDatabaseUnavailable, isUniqueViolation } from "../db/errors.ts";
import { findWorkspaceAndMember, recordActivity, type MemberWithLink } from "../db/caller-rows.ts";
import { InboxAlreadyDone, sealInTransaction, type InboxTicket } from "../db/inbox.ts";
import { CommandQueue } from "./command-queue.ts";
import { UserError } from "./errors.ts";
import { parseLine, validateInput, type ParsedLine } from "./grammar.ts";
import { commandHelp } from "./help.ts";
import type { ParseEnv } from "./options.ts";
import { numberStyleOf } from "../domain/number-styles.ts";
import { numberWriter } from "./format.ts";
import { askPrivately, privateOptions, type PrivateAsk } from "./private-options.ts";
import { missingOptions, type MissingAsk } from "./missing-options.ts";
import { errorReply, type Reply } from "./reply.ts";
import type { PeopleDirectory } from "./people.ts";
import { resolveNamedOptions } from "./named-options.ts";
import type { ChannelDirectory } from "./channels.ts";
import { actingRole, adminReason, creatorRefusal, mayRun, roleNow, type LinkedCreator, type NamedAdmins } from "./rights.ts";
import { actionPath, type ActionSpec, type CommandContext, type CommandSpec, type Services } from "./spec.ts";

/** The answer to a request that does not say who sent it or from which workspace (every door). */
export const UNKNOWN_CALLER = "This request did not say who sent it or from which workspace, so nothing was run.";

/** Who is asking, and where; the platform adapter fills this in. */
export interface Caller {
  /** The chat platform's name (src/platforms/registry.ts), stored as the workspace's platform. */
  platform: string;
  workspaceId: string;
  workspaceName?: string;
  userId: string;
  /** The name the platform gives the caller (the shell: the name given with --user, kept only in the local workspace). */
  userName: string;
  /**
   * Whether the platform says, now, that this person administers the workspace (Slack admin or
   * owner, Discord Manage Server). Undefined where the platform cannot say (the shell): there
   * the stored role stands, and the first person in a workspace is its admin.
   */
  platformAdmin?: boolean;
  /**
   * The platform's roles of the caller in this workspace, as the request carried them (Discord:
   * the member's role ids); a creator role among them makes them a creator (/settings creator-role:).
   */
  platformRoles?: readonly string[];
  /** The platform's people, for mentions in options (owner:, admin:); none in the shell. */
  people?: PeopleDirectory;
  /** The platform's channels, for channels named in options (alerts:); none in the shell. */
  channels?: ChannelDirectory;
  channelId?: string | null;
}

export interface DispatcherOptions {
  db: Database;
  commands: readonly CommandSpec[];
  log: Logger;
  now?: () => Date;
  services?: Services;
  /** Draws the local charts of commands (digests): the Core's chart process. */
  chartProcess: ChartDrawer;
  /** Commands run at once (the others wait their turn); default 1, as SQLite runs one transaction at a time. */
  concurrency?: number;
  /** Told when a slow action (a digest, a report) has answered: what it read can go back to the system. */
  afterSlowWork?: () => void;
  /** Who a platform makes an admin, told to a member refused an admin command (the registry's hints; none: only the first person). */
  adminHint?: (platform: string) => string | undefined;
  /** People the operator names admins (ADMINS), as `platform:user id`. */
  namedAdmins?: NamedAdmins;
}

export interface Dispatcher {
  readonly commands: readonly CommandSpec[];
  /** A command line in the text grammar (Slack, the shell). */
  runLine(caller: Caller, line: string): Promise<Reply>;
  /** Typed options (Discord): raw values keyed by option key. */
  runTyped(caller: Caller, commandName: string, actionName: string, raw: Record<string, unknown>, ticket?: InboxTicket): Promise<Reply>;
  /**
   * Reads a line without the database: the reply it gets at once (its help, or a mistake in how
   * it is written or in a value), or the command ready for `runPrepared`. Platforms answer the
   * first kind at once, however busy the bot is.
   */
  prepareLine(line: string, supplied?: Record<string, string>): Reply | PreparedLine;
  /**
   * For platforms that ask private options (secrets) in a form: what to ask before the line can
   * run (the rest of it checked), a Reply when it cannot run (a secret typed, another mistake),
   * or null when the line asks nothing privately (then it goes through prepareLine as usual).
   * `supplied` to prepareLine later carries the form's answers, which never join the line.
   */
  askForLine(line: string): (PrivateAsk & { line: string }) | Reply | null;
  /**
   * For platforms with forms: what a form asks when the line gives none of its action's required
   * options and the action allows it (src/core/missing-options.ts), else null (prepareLine as usual).
   */
  formForLine(line: string): (MissingAsk & { line: string }) | null;
  /** The same for typed options (Discord). */
  formForTyped(commandName: string, actionName: string, raw: Record<string, unknown>): MissingAsk | null;
  /** The same for typed options (Discord). */
  askForTyped(commandName: string, actionName: string, raw: Record<string, unknown>): PrivateAsk | Reply | null;
  /**
   * Runs what `prepareLine` read, for a caller (the line is not read again). `ticket`: the
   * command's inbox row (src/db/inbox.ts), marked done in its transaction; when another run
   * did it first, nothing is written and `ticket.alreadyDone` says not to answer.
   */
  runPrepared(caller: Caller, prepared: PreparedLine, ticket?: InboxTicket): Promise<Reply>;
  /** Commands being run now or waiting for their turn. */
  readonly running: number;
  /** Finds the action a line or typed call names, without running it (platforms ask "is this slow?"). */
  describe(commandName: string, actionName?: string): { command: CommandSpec; action: ActionSpec<any> } | null;
}

/** A line read and checked, ready to run. */
export interface PreparedLine extends ParsedLine {
  line: string;
}

const TRANSACTION = { maxWait: 20_000, timeout: 60_000 };

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, commands, log } = options;
  const now = options.now ?? (() => new Date());
  const services: Services = options.services ?? { charts: { mode: "local" } };
  const adminHint = (platform: string) => options.adminHint?.(platform) ?? FIRST_PERSON_IS_ADMIN;
  const namedAdmins: NamedAdmins = options.namedAdmins ?? new Set();

  /** The caller's workspace with the caller's member row and linked creator, in one statement (src/db/caller-rows.ts). */
  function findWorkspace(caller: Caller) {
    return findWorkspaceAndMember(db, caller.platform, caller.workspaceId, caller.userId);
  }

  const queue = new CommandQueue(options.concurrency ?? 1);

  async function execute(caller: Caller, command: CommandSpec, action: ActionSpec<any>, raw: Record<string, unknown>, line: string, ticket?: InboxTicket): Promise<Reply> {
    // Every adapter must say who is asking: a missing id would read as "any" in a look-up.
    if (!caller.workspaceId || !caller.userId) return errorReply(UNKNOWN_CALLER, "unknown_caller");
    // People and channels named in options are asked of the platform before the command takes its turn.
    let people: Record<string, unknown>;
    try {
      people = await resolveNamedOptions(caller, action, raw);
    } catch (error) {
      if (error instanceof UserError) return userErrorReply(error);
      return crashReply(error, caller, actionPath(command, action));
    }
    const later: Array<() => Promise<void>> = [];
    const reply = await queue.run(() => executeInTurn(caller, command, action, raw, line, later, ticket, people));
    // Out of the transaction and out of the queue: the next command runs meanwhile.
    if (reply.status === "ok") {
      try {
        for (const work of later) await work();
      } catch (error) {
        return crashReply(error, caller, actionPath(command, action), true);
      } finally {
        if (action.slow) options.afterSlowWork?.();
      }
    }
    return reply;
  }

  /** `committed`: the failure came after the command's transaction (its changes are saved). */
  function crashReply(error: unknown, caller: Caller, path: string, committed = false): Reply {
    const ref = randomBytes(4).toString("hex");
    log.error({ err: error, ref, command: path, workspace: `${caller.platform}:${caller.workspaceId}`, committed }, "command failed");
    const saved = committed ? "What the command changed is saved, but its reply could not be finished" : "Nothing was saved";
    return errorReply(`Something went wrong (ref ${ref}). ${saved}; the bot's operators can find the details in the logs.`, "internal");
  }

  /**
   * `later` collects the work the handler leaves for after its transaction; `retry`: whether a
   * lost race to create the workspace's or the caller's row may run the command again.
   */
  async function executeInTurn(
    caller: Caller,
    command: CommandSpec,
    action: ActionSpec<any>,
    raw: Record<string, unknown>,
    line: string,
    later: Array<() => Promise<void>>,
    ticket: InboxTicket | undefined,
    people: Record<string, unknown>,
    retry = true,
  ): Promise<Reply> {
    const started = performance.now();
    const path = actionPath(command, action);
    let outcome = "ok";
    let input: Record<string, unknown> | null = null;
    let known: Awaited<ReturnType<typeof findWorkspace>> = null;
    try {
      known = await findWorkspace(caller);
      const existing = known?.workspace ?? null;
      const at = now();
      // Handed on only once the transaction has committed.
      const pending: Array<() => Promise<void>> = [];
      const result = await db.$transaction(async (tx) => {
        // A workspace is created by its first command; after that the row read above serves
        // (each query costs the ORM about a millisecond of CPU, on every command).
        const workspace =
          existing ??
          (await tx.workspace.upsert({
            where: { platform_externalId: { platform: caller.platform, externalId: caller.workspaceId } },
            create: { platform: caller.platform, externalId: caller.workspaceId, name: caller.workspaceName ?? null },
            update: {},
          }));
        const { member, linked } = await resolveMember(tx, workspace, caller, known?.member ?? null, namedAdmins);
        const isAdmin = adminReason(caller, member, namedAdmins) !== null;
        const creatorRole = workspace.creatorRoleId !== null && (caller.platformRoles ?? []).includes(workspace.creatorRoleId);
        const role = actingRole(isAdmin, linked, creatorRole);
        if (role === "creator" && !mayRun(role, action)) {
          const refusal = creatorRefusal(commands, linked);
          throw new UserError("not_allowed", refusal.message, { hints: refusal.hints });
        }
        if (action.role === "admin" && !isAdmin) {
          throw new UserError("not_allowed", `Only admins can use ${path}.`, {
            hints: [adminHint(caller.platform)],
          });
        }
        // Who may run it is said before what is wrong with how it was written.
        const env: ParseEnv = { timeZone: workspace.timeZone, now: at, numberStyle: numberStyleOf(workspace.numberStyle) };
        input = { ...validateInput(command, action, raw, env), ...people };
        const validInput = input;
        let summary: string | null = null;
        let campaignId: number | null = null;
        let changed = true;
        const ctx: CommandContext = {
          db: tx,
          workspace,
          member,
          platform: caller.platform,
          channelId: caller.channelId ?? null,
          now: at,
          numbers: numberWriter(numberStyleOf(workspace.numberStyle)),
          isAdmin,
          role,
          creator: linked,
          namedAdmins,
          commands,
          services,
          chartProcess: options.chartProcess,
          requireAdmin(what) {
            if (!isAdmin) throw new UserError("not_allowed", `Only admins can ${what}.`, { hints: [adminHint(caller.platform)] });
          },
          describeChange(text) {
            summary = text;
          },
          changedNothing() {
            changed = false;
          },
          aboutCampaign(id) {
            campaignId = id;
          },
          afterCommit(work) {
            pending.push(work);
          },
        };
        const reply = await action.run(ctx, validInput as never);
        if (changed && (action.mutates || summary !== null)) {
          await recordActivity(tx, { workspaceId: workspace.id, memberId: member.id, command: path, summary: (summary ?? line).slice(0, 1000), campaignId });
        }
        // Last: an acknowledged command's inbox row is done with the command's writes.
        if (ticket) await sealInTransaction(tx, ticket);
        return reply;
      }, TRANSACTION);
      later.push(...pending);
      return result;
    } catch (error) {
      if (error instanceof UserError) {
        outcome = error.code;
        return userErrorReply(error);
      }
      if (error instanceof InboxAlreadyDone && ticket) {
        // Another run (a restarted process, another replica) did this command; it answers.
        outcome = "already_done";
        ticket.alreadyDone = true;
        return errorReply("This command was already run.", "already_done");
      }
      if (isUniqueViolation(error) && retry && !known?.member) {
        // The first commands of a workspace (or of a person) at once, on PostgreSQL: each tried
        // to create its row and one lost, its transaction rolled back whole. The row is there now.
        outcome = "retried";
        return executeInTurn(caller, command, action, raw, line, later, ticket, people, false);
      }
      if (isUniqueViolation(error)) {
        outcome = "conflict";
        const message = input && action.conflictMessage ? action.conflictMessage(input as never) : null;
        return errorReply(message ?? "Someone changed the same thing at the same moment; nothing was saved. Please try again.", "conflict");
      }
      if (isDatabaseUnavailable(error)) {
        // A lost connection rolls the transaction back; the pool reconnects on the next command.
        outcome = "db_unavailable";
        log.warn({ err: error, command: path, workspace: `${caller.platform}:${caller.workspaceId}` }, "database unavailable");
        return errorReply("The database could not be reached just now; nothing was saved. Please try again in a moment.", "db_unavailable");
      }
      outcome = "crash";
      return crashReply(error, caller, path);
    } finally {
      log.info(
        { workspace: `${caller.platform}:${caller.workspaceId}`, user: caller.userId, command: path, outcome, ms: Math.round(performance.now() - started) },
        "command",
      );
    }
  }

  /** The parsed line, or the reply it gets without running (help, a mistake in the writing). */
  function parse(line: string): ParsedLine | Reply {
    let parsed;
    try {
      parsed = parseLine(commands, line);
    } catch (error) {
      if (error instanceof UserError) return userErrorReply(error);
      throw error;
    }
    return parsed.helpRequested ? commandHelp(parsed.command) : parsed;
  }

  return {
    commands,
    get running() {
      return queue.size;
    },
    prepareLine(line, supplied = {}) {
      const parsed = parse(line);
      if ("status" in parsed) return parsed;
      const values = { ...parsed.values, ...supplied };
      try {
        // Whether a value is valid does not depend on the workspace's time zone (only what a
        // date means does), so this check needs no database; the run checks again in the zone.
        // Numbers are left for the run: what "1,5" means depends on the workspace's style.
        validateInput(parsed.command, parsed.action, values, { timeZone: "UTC", now: now(), numberStyle: null });
      } catch (error) {
        // Anything else is the run's to meet (and to log with a reference).
        if (error instanceof UserError) return userErrorReply(error);
      }
      return { ...parsed, values, line: line.trim() };
    },
    askForLine(line) {
      const parsed = parse(line);
      if ("status" in parsed) return null;
      const ask = askPrivately(parsed.command, parsed.action, parsed.values, { timeZone: "UTC", now: now(), numberStyle: null });
      if (ask instanceof UserError) return userErrorReply(ask);
      return ask && { ...ask, line: line.trim() };
    },
    formForLine(line) {
      const parsed = parse(line);
      if ("status" in parsed) return null;
      const options = missingOptions(parsed.action, parsed.values);
      return options && { command: parsed.command, action: parsed.action, options, line: line.trim() };
    },
    formForTyped(commandName, actionName, raw) {
      const found = this.describe(commandName, actionName);
      const options = found && missingOptions(found.action, raw);
      return found && options ? { ...found, options } : null;
    },
    askForTyped(commandName, actionName, raw) {
      const found = this.describe(commandName, actionName);
      if (!found) return null;
      const ask = askPrivately(found.command, found.action, raw, { timeZone: "UTC", now: now(), numberStyle: null });
      return ask instanceof UserError ? userErrorReply(ask) : ask;
    },
    runPrepared(caller, prepared, ticket) {
      return execute(caller, prepared.command, prepared.action, prepared.values, prepared.line, ticket);
    },
    async runLine(caller, line) {
      const parsed = parse(line);
      if ("status" in parsed) return parsed;
      return execute(caller, parsed.command, parsed.action, parsed.values, line.trim());
    },
    async runTyped(caller, commandName, actionName, raw, ticket) {
      const found = this.describe(commandName, actionName);
      if (!found) return errorReply(`There is no /${commandName} ${actionName} command.`, "unknown_command");
      // A file's content (a Discord attachment) is shown by its name; a private option's value never
      // joins the line (the activity record may keep it).
      const hidden = new Set(privateOptions(found.action).map((o) => o.key));
      const shown = (v: unknown) => JSON.stringify(typeof v === "object" && v !== null && "text" in v && "name" in v ? (v as { name: unknown }).name : v);
      const line = [actionPath(found.command, found.action), ...Object.entries(raw).map(([k, v]) => `${k}:${hidden.has(k) ? '"[private]"' : shown(v)}`)].join(" ");
      return execute(caller, found.command, found.action, raw, line, ticket);
    },
    describe(commandName, actionName = "") {
      const command = commands.find((c) => c.name === commandName);
      const action = command?.actions.find((a) => a.name === actionName);
      return command && action ? { command, action } : null;
    },
  };
}

/** With a member row: the creator profile it is linked to. */
const LINKED = { creatorLink: { select: { creator: { select: { id: true, handle: true } } } } } as const;

/**
 * The caller's member row, created on first use, its role kept to what the caller is now
 * (src/core/rights.ts: where the platform cannot say, the first member is an admin; a linked
 * person who is not an admin, a creator) and its name to the platform's; with the creator
 * profile it is linked to. `known`: the row read with the workspace.
 */
async function resolveMember(
  tx: Parameters<Parameters<Database["$transaction"]>[0]>[0],
  workspace: Workspace,
  caller: Caller,
  known: MemberWithLink | null,
  named: NamedAdmins,
): Promise<{ member: Member; linked: LinkedCreator | null }> {
  const found: MemberWithLink | null =
    known ?? (await tx.member.findUnique({ where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: caller.userId } }, include: LINKED }));
  // A name typed with the shell's --user is no platform's word on a Slack or Discord member.
  const nameFromPlatform = caller.platformAdmin !== undefined || caller.platform === "local";
  if (found) {
    const { creatorLink, ...row } = found;
    const linked = creatorLink?.creator ?? null;
    const role = roleNow(caller, row, named, linked !== null);
    const displayName = nameFromPlatform ? caller.userName : row.displayName;
    if (row.displayName !== displayName || role !== row.role) {
      return { member: await tx.member.update({ where: { id: row.id }, data: { displayName, role } }), linked };
    }
    return { member: row, linked };
  }
  const first = caller.platformAdmin === undefined && (await tx.member.count({ where: { workspaceId: workspace.id } })) === 0;
  const member = await tx.member.create({
    data: {
      workspaceId: workspace.id,
      externalId: caller.userId,
      displayName: caller.userName,
      role: roleNow(caller, { role: first ? "admin" : "member", adminGranted: false }, named),
    },
  });
  return { member, linked: null };
}

const FIRST_PERSON_IS_ADMIN = "The first person who used the bot in this workspace is an admin.";

export function userErrorReply(error: UserError): Reply {
  const extra = [...error.hints];
  if (error.usage) extra.push(`Usage: ${error.usage}`);
  return errorReply(error.message, error.code, extra);
}

