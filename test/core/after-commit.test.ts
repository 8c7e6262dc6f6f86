// Work a handler leaves for after its transaction (drawing a digest's charts) runs once the
// transaction has committed and the command's turn has passed: the next command runs meanwhile;
// what it adds reaches the reply; if it fails, the caller is told that the changes are saved.

import { afterAll, beforeAll, expect, test } from "vitest";
import { createDispatcher, type Caller } from "../../src/core/dispatch.ts";
import { UserError } from "../../src/core/errors.ts";
import { reply } from "../../src/core/reply.ts";
import { action, defineCommand } from "../../src/core/spec.ts";
import { silentLogger } from "../../src/log.ts";
import { startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

let gate: Promise<void> = Promise.resolve();
const log: string[] = [];

const commands = [
  defineCommand({
    name: "draw",
    description: "a reply with a picture drawn after the transaction",
    actions: [
      action({
        name: "",
        description: "draw",
        options: {},
        role: "member",
        mutates: false,
        slow: true,
        async run(ctx) {
          const r = reply("Drawing", "channel").build();
          ctx.afterCommit(async () => {
            log.push("drawing");
            await gate;
            r.files.push({ name: "picture.png", contentType: "image/png", data: Buffer.from("png") });
            log.push("drawn");
          });
          log.push("committing");
          return r;
        },
      }),
    ],
  }),
  defineCommand({
    name: "quick",
    description: "answers at once",
    actions: [action({ name: "", description: "quick", options: {}, role: "member", mutates: false, run: async () => reply("Quick").build() })],
  }),
  defineCommand({
    name: "save",
    description: "saves a creator, then fails after the transaction",
    actions: [
      action({
        name: "",
        description: "save",
        options: {},
        role: "member",
        mutates: true,
        async run(ctx) {
          await ctx.db.creator.create({ data: { workspaceId: ctx.workspace.id, handle: "kept", handleKey: "kept" } });
          ctx.afterCommit(async () => {
            throw new Error("the canvas ran out of memory");
          });
          return reply("Saved").build();
        },
      }),
    ],
  }),
  defineCommand({
    name: "refuse",
    description: "leaves work for later, then refuses",
    actions: [
      action({
        name: "",
        description: "refuse",
        options: {},
        role: "member",
        mutates: false,
        async run(ctx) {
          ctx.afterCommit(async () => {
            log.push("ran after a refusal");
          });
          throw new UserError("not_found", "No such thing.");
        },
      }),
    ],
  }),
];

const caller: Caller = { platform: "local", workspaceId: "T-AFTER", userId: "u1", userName: "u1" };
const dispatcher = () => createDispatcher({ db: bot.db, commands, log: silentLogger(), chartProcess: bot.core.chartProcess });

test("work left for after the transaction runs after it, the next command meanwhile, and its additions reach the reply", async () => {
  const d = dispatcher();
  log.length = 0;
  let open!: () => void;
  gate = new Promise((resolve) => (open = resolve));
  const drawing = d.runLine(caller, "/draw");
  // The next command gets its turn while the first one's drawing waits.
  const quick = await d.runLine(caller, "/quick");
  expect(quick.title).toBe("Quick");
  expect(log).toEqual(["committing", "drawing"]);
  open();
  const drawn = await drawing;
  expect(drawn.status).toBe("ok");
  expect(drawn.files.map((f) => f.name)).toEqual(["picture.png"]);
  expect(log).toEqual(["committing", "drawing", "drawn"]);
});

test("a failure after the transaction keeps what the command saved, and says so", async () => {
  const failed = await dispatcher().runLine(caller, "/save");
  expect(failed.status).toBe("error");
  const text = failed.blocks.map((b) => ("text" in b ? b.text : "")).join(" ") + (failed.title ?? "");
  expect(text).toMatch(/Something went wrong \(ref [0-9a-f]{8}\)\. What the command changed is saved, but its reply could not be finished/);
  expect(await bot.db.creator.count({ where: { handleKey: "kept" } })).toBe(1);
});

test("work left by a command that failed in its transaction does not run", async () => {
  log.length = 0;
  const refused = await dispatcher().runLine(caller, "/refuse");
  expect(refused.status).toBe("error");
  expect(log).toEqual([]);
});

test("once a slow command has drawn its reply, the core is told it may give the memory back; quick commands do not tell it", async () => {
  const told: string[] = [];
  const d = createDispatcher({ db: bot.db, commands, log: silentLogger(), chartProcess: bot.core.chartProcess, afterSlowWork: () => told.push(log.at(-1) ?? "") });
  gate = Promise.resolve();
  log.length = 0;
  await d.runLine(caller, "/quick");
  expect(told).toEqual([]);
  await d.runLine(caller, "/draw");
  // Told after the drawing, which is what leaves the garbage behind.
  expect(told).toEqual(["drawn"]);
});
