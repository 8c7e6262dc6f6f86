// Draws a neutral Reply (src/core/reply.ts) as a chat message card, Slack-like: the bot's name,
// the title in bold, text, fields, tables, lists, small print and the buttons (primary green,
// danger red, plain grey outline). Offline, with @napi-rs/canvas and the Inter fonts the charts use.

import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { Block, Reply, ReplyAction } from "../../src/core/reply.ts";
import { FONT_NAME, registerChartFonts } from "../../src/charts/fonts.ts";

export interface CardOptions {
  /** The name shown above the message. */
  botName?: string;
  /** The time shown beside the name ("10:02"). */
  time?: string;
  /** Card width in pixels. */
  width?: number;
}

const PAD = 20;
const AVATAR = 40;
const GAP = 12;
const COLOR = { text: "#1d1c1d", muted: "#616061", border: "#dddddd", primary: "#007a5a", danger: "#e01e5a", error: "#e01e5a", avatar: "#4a154b", bg: "#ffffff" };
const font = (size: number, weight = 400) => `${weight} ${size}px ${FONT_NAME}`;

/** Lays the reply out; draws when `draw` is set, else only measures. Returns the height used. */
function paint(ctx: SKRSContext2D, r: Reply, o: Required<CardOptions>, draw: boolean): number {
  const left = PAD + AVATAR + GAP;
  const right = o.width - PAD;
  const maxWidth = right - left;
  let y = PAD;

  const line = (text: string, x: number, size: number, weight: number, color: string, width = maxWidth): void => {
    ctx.font = font(size, weight);
    for (const row of wrap(ctx, text, width)) {
      if (draw) {
        ctx.fillStyle = color;
        ctx.fillText(row, x, y + size);
      }
      y += Math.round(size * 1.45);
    }
  };

  if (draw) {
    ctx.fillStyle = COLOR.avatar;
    roundRect(ctx, PAD, PAD, AVATAR, AVATAR, 8);
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.font = font(16, 700);
    ctx.textAlign = "center";
    ctx.fillText("CB", PAD + AVATAR / 2, PAD + AVATAR / 2 + 6);
    ctx.textAlign = "left";
    ctx.font = font(15, 700);
    ctx.fillStyle = COLOR.text;
    ctx.fillText(o.botName, left, y + 15);
    const nameWidth = ctx.measureText(o.botName).width;
    ctx.fillStyle = "#e8e8e8";
    roundRect(ctx, left + nameWidth + 6, y + 2, 30, 16, 3);
    ctx.fill();
    ctx.fillStyle = COLOR.muted;
    ctx.font = font(10, 700);
    ctx.fillText("APP", left + nameWidth + 11, y + 14);
    ctx.font = font(12);
    ctx.fillText(o.time + (r.visibility === "ephemeral" ? "   Only visible to you" : ""), left + nameWidth + 44, y + 15);
  }
  y += 24;

  if (r.title) line(r.title, left, 15, 700, r.status === "error" ? COLOR.error : COLOR.text);
  for (const block of r.blocks) {
    y += 6;
    paintBlock(block);
  }
  if (r.files.length > 0) {
    y += 6;
    line(`Attached: ${r.files.map((f) => f.title ?? f.name).join(", ")}`, left, 13, 400, COLOR.muted);
  }
  if (r.notes.length > 0) {
    y += 6;
    for (const note of r.notes) line(note, left, 13, 400, COLOR.muted);
  }
  if (r.actions && r.actions.length > 0) {
    y += 10;
    paintButtons(r.actions);
  }
  return y + PAD;

  function paintBlock(block: Block): void {
    switch (block.type) {
      case "heading":
        line(block.text, left, 15, 700, COLOR.text);
        return;
      case "text":
        line(block.text, left, 15, 400, COLOR.text);
        return;
      case "list":
        for (const item of block.items) {
          if (draw) {
            ctx.font = font(15);
            ctx.fillStyle = COLOR.text;
            ctx.fillText("•", left + 4, y + 15);
          }
          line(item, left + 20, 15, 400, COLOR.text, maxWidth - 20);
        }
        return;
      case "fields": {
        // Two columns, as Slack's section fields: the label in bold above its value.
        const column = (maxWidth - GAP) / 2;
        for (let i = 0; i < block.fields.length; i += 2) {
          const top = y;
          let bottom = y;
          block.fields.slice(i, i + 2).forEach((field, j) => {
            y = top;
            const x = left + j * (column + GAP);
            line(field.label, x, 14, 700, COLOR.text, column);
            line(field.value, x, 14, 400, COLOR.text, column);
            bottom = Math.max(bottom, y);
          });
          y = bottom + 4;
        }
        return;
      }
      case "table": {
        ctx.font = font(13, 600);
        const cells = [block.columns.map((c) => c.header), ...block.rows];
        const widths = block.columns.map((_, i) =>
          Math.max(...cells.map((row, k) => ((ctx.font = font(13, k === 0 ? 600 : 400)), ctx.measureText(row[i] ?? "").width))),
        );
        cells.forEach((row, k) => {
          let x = left;
          if (draw) {
            row.forEach((cell, i) => {
              ctx.font = font(13, k === 0 ? 600 : 400);
              ctx.fillStyle = k === 0 ? COLOR.muted : COLOR.text;
              const w = widths[i]!;
              const alignRight = block.columns[i]?.align === "right";
              ctx.fillText(cell, alignRight ? x + w - ctx.measureText(cell).width : x, y + 13);
              x += w + 18;
            });
          }
          y += 20;
        });
        return;
      }
    }
  }

  function paintButtons(actions: ReplyAction[]): void {
    const height = 32;
    let x = left;
    ctx.font = font(14, 600);
    for (const action of actions) {
      const width = Math.ceil(ctx.measureText(action.label).width) + 28;
      if (x > left && x + width > right) {
        x = left;
        y += height + 8;
      }
      if (draw) {
        roundRect(ctx, x + 0.5, y + 0.5, width, height, 5);
        if (action.style) {
          ctx.fillStyle = action.style === "primary" ? COLOR.primary : COLOR.danger;
          ctx.fill();
        } else {
          ctx.fillStyle = COLOR.bg;
          ctx.fill();
          ctx.strokeStyle = "#bbbbbb";
          ctx.lineWidth = 1;
          ctx.stroke();
        }
        ctx.fillStyle = action.style ? "#ffffff" : COLOR.text;
        ctx.font = font(14, 600);
        ctx.fillText(action.label, x + 14, y + 21);
      }
      x += width + 8;
    }
    y += height;
  }
}

/** Words onto lines no wider than `width`; a word longer than a line stays whole. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const rows: string[] = [];
  for (const paragraph of text.split("\n")) {
    let current = "";
    for (const word of paragraph.split(" ")) {
      const next = current === "" ? word : `${current} ${word}`;
      if (current !== "" && ctx.measureText(next).width > width) {
        rows.push(current);
        current = word;
      } else current = next;
    }
    rows.push(current);
  }
  return rows;
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** The reply as a PNG of a chat message: white, `width` wide, as tall as its content. */
export async function drawReplyCard(r: Reply, options: CardOptions = {}): Promise<Buffer> {
  if (!registerChartFonts()) throw new Error("pictures: the Inter font could not be registered (is @expo-google-fonts/inter installed?)");
  const o: Required<CardOptions> = { botName: options.botName ?? "Campaign Bot", time: options.time ?? "09:02", width: options.width ?? 720 };
  const measure = createCanvas(o.width, 10).getContext("2d");
  const height = Math.ceil(paint(measure, r, o, false));
  const canvas = createCanvas(o.width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = COLOR.bg;
  ctx.fillRect(0, 0, o.width, height);
  ctx.strokeStyle = COLOR.border;
  ctx.strokeRect(0.5, 0.5, o.width - 1, height - 1);
  paint(ctx, r, o, true);
  return canvas.encode("png");
}
