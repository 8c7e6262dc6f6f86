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
