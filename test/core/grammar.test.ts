import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { UserError } from "../../src/core/errors.ts";
import { parseLine, tokenize } from "../../src/core/grammar.ts";
import { renderText } from "../../src/render/text.ts";
import { startTestBot, type TestBot } from "../helpers/core.ts";

const userError = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a user error");
};

describe("tokenizing a command line", () => {
  it("splits positionals and key:value pairs", () => {
    expect(tokenize('/creator add @kate tiktok 12k niche:"kettlebell training"')).toEqual([
      { text: "/creator", key: null },
      { text: "add", key: null },
      { text: "@kate", key: null },
      { text: "tiktok", key: null },
      { text: "12k", key: null },
      { text: "kettlebell training", key: "niche" },
    ]);
  });

  it("accepts the curly quotes phones type", () => {
    expect(tokenize("niche:“resin art” “Spring Launch” ‘x y’").map((t) => t.text)).toEqual(["resin art", "Spring Launch", "x y"]);
  });

  it("keeps URLs, times and Slack mentions whole, and keys case-insensitive", () => {
    expect(tokenize("https://x.com/a?b=1 09:00 <@U1|kate> NICHE:art")).toEqual([
      { text: "https://x.com/a?b=1", key: null },
      { text: "09:00", key: null },
      { text: "<@U1|kate>", key: null },
      { text: "art", key: "niche" },
    ]);
  });

  it("treats an apostrophe inside a word as a letter", () => {
    expect(tokenize("notes:don't").map((t) => t.text)).toEqual(["don't"]);
  });

  it("refuses an unclosed quote", () => {
    expect(userError(() => tokenize('/campaign new "Spring')).message).toMatch(/quote is not closed/);
  });
});

describe("reading a line against the specs", () => {
  it("assigns positionals in order and named options by key", () => {
    const parsed = parseLine(commands, '/creator add @kate tiktok 48k niche:"kettlebell training"');
    expect(parsed.action.name).toBe("add");
    expect(parsed.values).toEqual({ handle: "@kate", platform: "tiktok", followers: "48k", niche: "kettlebell training" });
  });

  it("accepts the command without its slash", () => {
    expect(parseLine(commands, "creator show kate").values).toEqual({ handle: "kate" });
  });

  it("a positional may also be given by name", () => {
    expect(parseLine(commands, "/creator add kate followers:12k platform:x").values).toEqual({ handle: "kate", followers: "12k", platform: "x" });
  });

  it.each([
    ["/nope", "unknown_command", /no \/nope command/],
    ["/creator", "unknown_subcommand", /needs a subcommand/],
    ["/creator fly", "unknown_subcommand", /no "fly" subcommand/],
    ["/creator add kate tiktok 1 extra", "too_many_values", /Unexpected value "extra"/],
    ["/creator add kate tiktok 1 colour:red", "unknown_option", /Unknown option "colour:"/],
    ["/creator add kate tiktok 1 niche:", "missing_option", /"niche:" has no value/],
    ["/creator add kate tiktok 1 niche:a niche:b", "invalid_option", /given twice/],
  ])("%s → %s", (line, code, message) => {
    const error = userError(() => parseLine(commands, line));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("a misspelt subcommand is answered with the one meant, then the usage lines", () => {
    const error = userError(() => parseLine(commands, '/campaign enrol "Spring Launch" kate'));
    expect(error.message).toMatch(/\/campaign has no "enrol" subcommand; it has new, list, show, enroll/);
    expect(error.hints[0]).toBe("Did you mean /campaign enroll?");
    expect(error.hints).toContain("/campaign enroll <campaign> <handle> [wave:] [fee:] [product:] [commission:] [per-order:] [fee-cash:] [product-cash:] [commission-cash:] [per-order-cash:] [due:] [force:]");
    // Nothing close: only the usage lines.
    expect(userError(() => parseLine(commands, "/creator fly")).hints[0]).toMatch(/^\/creator add /);
  });

  it("errors about options carry the usage line", () => {
    expect(userError(() => parseLine(commands, "/creator add kate tiktok 1 colour:red")).usage).toBe(
      "/creator add <handle> <platform> <followers> [niche:] [email:] [owner:] [status:] [notes:] [force:]",
    );
  });
});

describe("any line at all", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    await bot.run("/creator add kate tiktok 48k");
    await bot.run('/campaign new "Spring Launch"');
  });
  afterAll(() => bot.close());

  const word = fc.oneof(
    fc.constantFrom("/creator", "/campaign", "/settings", "/help", "add", "account", "update", "show", "list", "remove", "new", "enroll", "close", "baseline"),
    fc.constantFrom("kate", "@kate", '"Spring Launch"', "“Spring", "Launch”", "tiktok", "12k", "1.2m", "$1,200.50", "€300", "15%", "today", "yes"),
    fc.constantFrom("niche:", "tier:", "fee:", "force:yes", "tz:Europe/Berlin", "tiers:1,2,3", "status:paused", "owner:<@U1|x>", "::", "\"", "'"),
    fc.string({ maxLength: 12 }),
  );

  it("gives a reply or a clear error, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 8 }), async (words) => {
        const reply = await bot.run(words.join(" "));
        const text = renderText(reply);
        expect(["ok", "error"]).toContain(reply.status);
        expect(reply.errorCode).not.toBe("internal");
        expect(text).not.toMatch(/\bat .+\.ts:\d+|TypeError|undefined|NaN|Infinity/);
      }),
      { numRuns: 150 },
    );
  });
});
