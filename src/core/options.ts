// Option builders: each option of a command reads what people type (text in Slack and the
// shell) or what Discord sends (typed values) with the value parsers of values.ts, and says
// what the platforms need to show it (description, choices, limits, autocomplete). Not a zod
// schema: building one per value cost each command about 0.05 ms of CPU before its
// acknowledgement (README, zod in "Dependencies and why"), and the parsers are our own either way.

import {
  parseBoolean,
  parseCount,
  parseDay,
  parseHandle,
  parseMoney,
  parsePercent,
  parsePerson,
  parseChannel,
  parseTimeOfDay,
  parseUrl,
  type MoneyInput,
  type Parsed,
  type PersonInput,
  type ChannelInput,
  quoted,
} from "./values.ts";
import { MAX_COUNT } from "../domain/limits.ts";
import { parseTimeZone } from "../domain/time-zones.ts";
import { DEFAULT_NUMBER_STYLE, type NumberStyle } from "../domain/number-styles.ts";
import { numberWriter } from "./format.ts";

/** What a value needs to be parsed: "today" depends on the workspace's zone, "1,5" on its number style. */
export interface ParseEnv {
  timeZone: string;
  now: Date;
  numberStyle: NumberStyle;
}

export type OptionKind =
  | "text"
  | "handle"
  | "campaign"
  | "count"
  | "money"
  | "percent"
  | "day"
  | "boolean"
  | "choice"
  | "url"
  | "person"
  /** A role of the chat platform's server (Discord): picked from the server's roles, never typed (src/core/person-options.ts). */
  | "role"
  /** A channel (or off): a mention the platform resolves (src/core/channel-options.ts); a typed name only in the shell. */
  | "channel"
  | "time"
  /** A secret (a shop's signing secret): in Slack and Discord asked privately in a form, never typed in a channel; never shown or logged. */
  | "secret"
  /** A file: typed, a path (the shell reads it, other platforms refuse it); Discord, an attachment its adapter downloads. */
  | "file";

export type Autocomplete = "creator" | "campaign";

interface OptionConfig {
  kind: OptionKind;
  description: string;
  /** What a value looks like, for help (in the default number style). */
  expected: string;
  /** The same in a workspace's number style, for numbers and money; null: before the style is known, examples every style reads alike. */
  expectedIn?: (style: NumberStyle | null) => string;
  /** What it means depends on the workspace's number style ("1,5"), so it is read only once that is known. */
  readsNumbers?: boolean;
  required: boolean;
  positional: boolean;
  choices?: readonly string[];
  min?: number;
  max?: number;
  maxLength?: number;
  autocomplete?: Autocomplete;
  /** A channel option's own words, taken instead of a channel (review-channel:here|digest). */
  words?: readonly string[];
}

/** One option of a command. `T` is the parsed value; `R` whether it is required. */
export class Option<T, R extends boolean = false> {
  /** Filled in by defineCommand from the key: `perOrder` → `per-order`. */
  name = "";
  /** The property name in the handler's input. */
  key = "";

  constructor(
    readonly config: Readonly<OptionConfig>,
    private readonly parseText: (raw: string, env: ParseEnv) => Parsed<T>,
    private readonly fromTyped: (value: number | boolean) => T | undefined = () => undefined,
  ) {}

  get kind() {
    return this.config.kind;
  }
  get description() {
    return this.config.description;
  }
  get required(): R {
    return this.config.required as R;
  }
  get positional() {
    return this.config.positional;
  }
  get expected() {
    return this.config.expected;
  }

  get readsNumbers() {
    return this.config.readsNumbers === true;
  }

  /** What a value looks like in a workspace's number style (null: in any). */
  expectedFor(style: NumberStyle | null) {
    return this.config.expectedIn?.(style) ?? this.config.expected;
  }

  /** Required (a missing one is an error naming it). */
  require(): Option<T, true> {
    return new Option<T, true>({ ...this.config, required: true }, this.parseText, this.fromTyped);
  }

  /** Taken from position in the text grammar (still accepted as key:value). */
  atPosition(): Option<T, R> {
    return new Option<T, R>({ ...this.config, positional: true }, this.parseText, this.fromTyped);
  }

  describe(description: string): Option<T, R> {
    return new Option<T, R>({ ...this.config, description }, this.parseText, this.fromTyped);
  }

  /** Reads this option's raw value: a string from text, a typed value from Discord, or a file's content (FileInput) a platform downloaded. */
  parse(raw: unknown, env: ParseEnv): Parsed<T> {
    if (this.kind === "file" && isFileContent(raw)) return { ok: true, value: raw as T };
    if (typeof raw === "string") return this.parseText(raw, env);
    if (typeof raw === "number" || typeof raw === "boolean") {
      const typed = this.fromTyped(raw);
      return typed === undefined ? this.parseText(String(raw), env) : { ok: true, value: typed };
    }
    return { ok: false, reason: `${JSON.stringify(raw)} is not a value` };
  }
}

/** A file option's value: a path typed in the shell, or the content a platform received (an attachment). */
export type FileInput = { source: "path"; path: string } | { source: "content"; name: string; text: string };

function isFileContent(raw: unknown): raw is FileInput {
  const r = raw as { source?: unknown; name?: unknown; text?: unknown } | null;
  return typeof r === "object" && r !== null && r.source === "content" && typeof r.name === "string" && typeof r.text === "string";
}

function make<T>(
  kind: OptionKind,
  description: string,
  expected: string,
  parse: (raw: string, env: ParseEnv) => Parsed<T>,
  extra: Partial<OptionConfig> = {},
  fromTyped?: (value: number | boolean) => T | undefined,
): Option<T, false> {
  return new Option<T, false>({ kind, description, expected, required: false, positional: false, ...extra }, parse, fromTyped);
}

const within = (value: number, style: NumberStyle, min?: number, max?: number): string | null => {
  const { count } = numberWriter(style);
  if (min !== undefined && value < min) return `must be at least ${count(min)}`;
  if (max !== undefined && value > max) return `must be at most ${count(max)}`;
  return null;
};

/** Text trimmed, not empty, at most `maxLength` characters. */
const trimmedText =
  (maxLength: number) =>
  (raw: string): Parsed<string> => {
    const text = raw.trim();
    if (text.length === 0) return { ok: false, reason: "it is empty" };
    if (text.length > maxLength) return { ok: false, reason: `it is ${text.length} characters long` };
    return { ok: true, value: text };
  };

const countExpected = (style: NumberStyle | null) =>
  style ? `a whole number like 12000, ${quoted(numberWriter(style).count(12000))}, 12k or ${numberWriter(style).typed("1.2")}m` : "a whole number like 12000 or 12k";
const moneyExpected = (style: NumberStyle | null) =>
  style ? `an amount like ${numberWriter(style).typed("1200.50")}, ${quoted(numberWriter(style).money(120050, "USD"))} or €300` : "an amount like 300, $300 or 300 EUR";
const percentExpected = (style: NumberStyle | null) => (style ? `a percentage like 15% or ${numberWriter(style).typed("12.5")}` : "a percentage like 15%");

export const opt = {
  text(description: string, maxLength = 500) {
    return make<string>("text", description, `text up to ${maxLength} characters`, trimmedText(maxLength), { maxLength });
  },

  handle(description = "Creator handle, e.g. @kate") {
    return make("handle", description, "a handle like @kate", (raw) => parseHandle(raw), { maxLength: 65, autocomplete: "creator" });
  },

  /** A platform handle that is not one of our creators (no autocomplete). */
  accountHandle(description: string) {
    return make("handle", description, "a handle like @kate", (raw) => parseHandle(raw), { maxLength: 65 });
  },

  campaign(description = "Campaign name") {
    return make<string>(
      "campaign",
      description,
      'a campaign name (quote it if it has spaces: "Spring Launch")',
      (raw) => {
        const text = raw.trim();
        if (text.length === 0 || text.length > 80) return { ok: false, reason: `"${raw}" is not a campaign name (1–80 characters)` };
        return { ok: true, value: text };
      },
      { maxLength: 80, autocomplete: "campaign" },
    );
  },

  /** A whole number, at most MAX_COUNT (src/domain/limits.ts) unless `max` says less. */
  count(description: string, limits: { min?: number; max?: number } = {}) {
    const { min = 0, max = MAX_COUNT } = limits;
    const check = (value: number, style: NumberStyle): Parsed<number> => {
      const { count } = numberWriter(style);
      if (value > MAX_COUNT) return { ok: false, reason: `${count(value)} is more than the bot keeps: counts go up to ${count(MAX_COUNT)}` };
      const problem = within(value, style, min, max);
      return problem ? { ok: false, reason: `${count(value)} ${problem}` } : { ok: true, value };
    };
    return make<number>(
      "count",
      description,
      countExpected(DEFAULT_NUMBER_STYLE),
      (raw, env) => {
        const parsed = parseCount(raw, env.numberStyle);
        return parsed.ok ? check(parsed.value, env.numberStyle) : parsed;
      },
      { min, max, expectedIn: countExpected, readsNumbers: true },
      // Out of range: undefined, so the text parser says why in the workspace's style.
      (typed) => (typeof typed === "number" && Number.isInteger(typed) ? (check(typed, DEFAULT_NUMBER_STYLE).ok ? typed : undefined) : undefined),
    );
  },

  money(description: string) {
    return make<MoneyInput>("money", description, moneyExpected(DEFAULT_NUMBER_STYLE), (raw, env) => parseMoney(raw, env.numberStyle), {
      maxLength: 32,
      expectedIn: moneyExpected,
      readsNumbers: true,
    });
  },

  percent(description: string) {
    return make<number>(
      "percent",
      description,
      percentExpected(DEFAULT_NUMBER_STYLE),
      (raw, env) => parsePercent(raw, env.numberStyle),
      { min: 0, max: 100, expectedIn: percentExpected, readsNumbers: true },
    );
  },

  day(description: string) {
    return make<string>("day", description, "a date like 2026-12-03, today or yesterday", (raw, env) => parseDay(raw, env.timeZone, env.now), {
      maxLength: 10,
    });
  },

  boolean(description: string) {
    return make<boolean>("boolean", description, "yes or no", (raw) => parseBoolean(raw), {}, (typed) =>
      typeof typed === "boolean" ? typed : undefined,
    );
  },

  choice<const C extends readonly string[]>(description: string, choices: C) {
    return make<C[number]>(
      "choice",
      description,
      `one of ${choices.join(", ")}`,
      (raw) => {
        const text = raw.trim().toLowerCase();
        const found = choices.find((c) => c.toLowerCase() === text);
        return found ? { ok: true, value: found } : { ok: false, reason: `"${raw}" is not one of them` };
      },
      { choices },
    );
  },

  url(description: string) {
    return make("url", description, "a web address like https://www.tiktok.com/@kate/video/1", (raw) => parseUrl(raw), { maxLength: 2000 });
  },

  person(description: string) {
    return make<PersonInput>("person", description, "a person, as a mention (@name) or a name", (raw) => parsePerson(raw), { maxLength: 100 });
  },

  /** A Discord server role: Discord sends its id (`<@&id>` in the text grammar); other doors refuse it. */
  platformRole(description: string) {
    return make<string>("role", description, "a role of the server, picked in Discord (@Role)", (raw) => {
      const match = /^<@&(\d{1,25})>$/.exec(raw.trim());
      return match ? { ok: true, value: match[1]! } : { ok: false, reason: `"${raw}" is not a role picked in Discord` };
    }, { maxLength: 40 });
  },

  /** A channel the platform resolves (src/core/channel-options.ts), or off; with `words`, one of them instead of off (review-channel:here|digest|#channel). */
  channel(description: string, words: readonly string[] = []) {
    const expected = words.length > 0 ? `${words.join(", ")}, or a channel as a mention (type # and pick it)` : "a channel, as a mention (type # and pick it), or off";
    return make<ChannelInput>("channel", description, expected, (raw) => parseChannel(raw, words), { maxLength: 100, words });
  },

  /** A value with a parser of the command's own (domain-specific formats); `readsNumbers` when it reads numbers in the workspace's style. */
  custom<T>(description: string, expected: string, parse: (raw: string, env: ParseEnv) => Parsed<T>, maxLength = 200, readsNumbers = false) {
    return make<T>("text", description, expected, parse, { maxLength, readsNumbers });
  },

  /** A secret (a signing key): chat platforms that can ask privately (a modal) ask for it instead of taking it typed. */
  secret(description: string, maxLength = 200) {
    return make<string>("secret", description, `the secret, up to ${maxLength} characters`, trimmedText(maxLength), { maxLength });
  },

  /** A file: a path typed in the shell; an attachment in Discord. */
  file(description: string) {
    return make<FileInput>("file", description, "a file (in the shell, its path)", (raw) => {
      const path = raw.trim();
      return path ? { ok: true, value: { source: "path", path } } : { ok: false, reason: "it is empty" };
    }, { maxLength: 1000 });
  },

  timeZone(description: string) {
    return make<string>("text", description, "a time zone like Europe/Berlin or America/New_York", (raw) => parseTimeZone(raw), { maxLength: 64 });
  },

  time(description: string) {
    return make("time", description, "a time like 09:00", (raw) => parseTimeOfDay(raw), { maxLength: 5 });
  },
};

export type AnyOption = Option<any, boolean>;
export type OptionMap = Record<string, AnyOption>;

type RequiredKeys<O extends OptionMap> = { [K in keyof O]: O[K] extends Option<any, true> ? K : never }[keyof O];
type OptionalKeys<O extends OptionMap> = Exclude<keyof O, RequiredKeys<O>>;
type ValueOf<X> = X extends Option<infer T, any> ? T : never;

/** The handler's input for an option map: required options present, the rest optional. */
export type InputOf<O extends OptionMap> = { [K in RequiredKeys<O>]: ValueOf<O[K]> } & {
  [K in OptionalKeys<O>]?: ValueOf<O[K]>;
};

export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
