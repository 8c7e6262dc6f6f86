// The neutral reply every command returns; Slack, Discord and the shell each render it.

export type Align = "left" | "right";

export interface TableColumn {
  header: string;
  align?: Align;
}

export type Block =
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "fields"; fields: Field[] }
  | { type: "table"; columns: TableColumn[]; rows: string[][] }
  | { type: "list"; items: string[] };

export interface Field {
  label: string;
  value: string;
}

export interface ReplyFile {
  name: string;
  contentType: string;
  data: Buffer | string;
  title?: string;
}

/** An image shown by address (QuickChart charts); local images travel as files instead. */
export interface ReplyImage {
  url: string;
  title: string;
}

export type Visibility = "ephemeral" | "channel";

/**
 * A button under a reply. Every button is also a command: a click runs `command`, a line of an
 * existing command spec ("/post approve https://…"), through the dispatcher as the person who
 * clicks (same role check, same activity record); the shell, which has no buttons, prints the
 * line to type instead. The command must be idempotent: a second click answers what happened.
 */
export interface ReplyAction {
  /** The command line a click runs, as it would be typed. */
  command: string;
  label: string;
  /** Primary (green in Slack, blue in Discord), danger (red), or the platform's plain button. */
  style?: "primary" | "danger";
  /**
   * Keys of options of the command asked in a form before it runs (a note); the form's fields
   * are labelled from the spec, and each answer is read as if typed with the line.
   */
  ask?: string[];
  /**
   * What the click's reply does: "replace" the message the button is on (a decision: the message
   * then shows the outcome; refusals still go privately to the clicker), or "reply" as the typed
   * command would (the default).
   */
  then?: "replace" | "reply";
}

export interface Reply {
  status: "ok" | "error";
  title?: string;
  blocks: Block[];
  /** Small print shown last (context notes). */
  notes: string[];
  /** Files to attach: CSV reports, chart PNGs. */
  files: ReplyFile[];
  /** Images by URL (absent on most replies). */
  images?: ReplyImage[];
  visibility: Visibility;
  /** Stable code for logs when status is "error". */
  errorCode?: string;
  /** Buttons, in order (absent on most replies). */
  actions?: ReplyAction[];
  /** Messages the command sends elsewhere once it has run (a review channel, a person privately). */
  deliveries?: ReplyDelivery[];
}

/**
 * A message a command sends beside its reply: into a channel, or privately to a person, both by
 * the platform's ids (from the database or the platform, never typed). The door delivers them
 * before the reply, and a delivery that fails adds a note to the reply.
 */
export interface ReplyDelivery {
  /** A channel, a person, or a message the bot posted before (its stored reference): that message is replaced. */
  to: { channelId: string } | { userId: string } | { messageRef: string };
  /** Keep the posted message's reference (a post's review message, so a decision can update it). */
  remember?: { reviewMessageOf: number };
  /** What the channel or person is called in the note when it cannot be reached. */
  name: string;
  reply: Reply;
}

/** Builds a reply step by step; keeps handlers short. */
export class ReplyBuilder {
  private readonly reply: Reply;

  constructor(title?: string, visibility: Visibility = "ephemeral") {
    this.reply = { status: "ok", title, blocks: [], notes: [], files: [], visibility };
  }

  heading(text: string): this {
    this.reply.blocks.push({ type: "heading", text });
    return this;
  }

  text(text: string): this {
    this.reply.blocks.push({ type: "text", text });
    return this;
  }

  fields(fields: Array<Field | null | undefined | false>): this {
    const present = fields.filter((f): f is Field => Boolean(f));
    if (present.length > 0) this.reply.blocks.push({ type: "fields", fields: present });
    return this;
  }

  table(columns: Array<string | TableColumn>, rows: string[][]): this {
    this.reply.blocks.push({
      type: "table",
      columns: columns.map((c) => (typeof c === "string" ? { header: c } : c)),
      rows,
    });
    return this;
  }

  list(items: string[]): this {
    if (items.length > 0) this.reply.blocks.push({ type: "list", items });
    return this;
  }

  note(text: string): this {
    this.reply.notes.push(text);
    return this;
  }

  file(file: ReplyFile): this {
    this.reply.files.push(file);
    return this;
  }

  image(image: ReplyImage): this {
    (this.reply.images ??= []).push(image);
    return this;
  }

  /** A button that runs a command (see ReplyAction). */
  action(action: ReplyAction): this {
    (this.reply.actions ??= []).push(action);
    return this;
  }

  /** A message sent elsewhere once the command has run (see ReplyDelivery). */
  deliver(delivery: ReplyDelivery): this {
    (this.reply.deliveries ??= []).push(delivery);
    return this;
  }

  inChannel(): this {
    this.reply.visibility = "channel";
    return this;
  }

  build(): Reply {
    return this.reply;
  }
}

export const reply = (title?: string, visibility?: Visibility) => new ReplyBuilder(title, visibility);

export function errorReply(message: string, code: string, extra: string[] = []): Reply {
  return {
    status: "error",
    blocks: [{ type: "text", text: message }, ...extra.map((text) => ({ type: "text" as const, text }))],
    notes: [],
    files: [],
    visibility: "ephemeral",
    errorCode: code,
  };
}
