// /shop: the Shopify and WooCommerce shops whose orders reach the bot by webhook. Connecting one
// answers with the address to paste into the shop's admin and the topics to subscribe; its
// signing secret is never shown again (nor logged: the activity log names the shop only).

import { randomBytes } from "node:crypto";
import { notFound, UserError } from "../src/core/errors.ts";
import { findCampaign } from "../src/core/lookup.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { isCurrencyCode } from "../src/core/currencies.ts";
import { TOPICS_TO_SUBSCRIBE, type ShopKindName } from "../src/domain/shop-orders.ts";
import { SHOP_KINDS } from "../src/domain/vocabularies.ts";

const LABEL: Record<ShopKindName, string> = { shopify: "Shopify", woocommerce: "WooCommerce" };

/** Shopify names a shop by its myshopify.com domain (X-Shopify-Shop-Domain): "kettle-co" is kettle-co.myshopify.com. */
export function shopifyDomain(typed: string): string {
  const host = typed.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  const domain = /^[a-z0-9][a-z0-9-]*$/.test(host) ? `${host}.myshopify.com` : host;
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(domain)) {
    throw new UserError("invalid_option", `Invalid shop domain: "${typed}" is not a myshopify.com domain.`, {
      hints: ["Shopify signs webhooks with the shop's myshopify.com domain (Settings → Domains), e.g. kettle-co.myshopify.com, even when customers see another."],
    });
  }
  return domain;
}

/** A WooCommerce site by its address: host and path, lower case, without scheme or trailing slash. */
export function wooSite(typed: string): string {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(typed.trim()) ? typed.trim() : `https://${typed.trim()}`);
  } catch {
    throw new UserError("invalid_option", `Invalid site url: "${typed}" is not a web address like https://shop.example.com.`);
  }
  if (!url.hostname.includes(".")) throw new UserError("invalid_option", `Invalid site url: "${typed}" is not a web address like https://shop.example.com.`);
  return `${url.hostname}${url.pathname}`.toLowerCase().replace(/\/+$/, "");
}

/** The address a shop posts its webhooks to. */
export function webhookAddress(publicUrl: string | undefined, kind: string, token: string): string {
  return `${(publicUrl ?? "https://<your bot's public address>").replace(/\/+$/, "")}/shop/${kind}/${token}`;
}

async function findShop(ctx: CommandContext, typed: string) {
  const shops = await ctx.db.shop.findMany({ where: { workspaceId: ctx.workspace.id }, orderBy: { id: "asc" } });
  const key = typed.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
  const found = shops.filter((s) => s.domain === key || s.domain === `${key}.myshopify.com` || s.brand?.toLowerCase() === key);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new UserError("ambiguous", `Several shops answer to "${typed}": ${found.map((s) => s.domain).join(", ")}. Name one by its domain.`);
  throw notFound(`No shop "${typed}" is connected here.`, [shops.length > 0 ? `Shops: ${shops.map((s) => s.domain).join(", ")}.` : "Connect one with /shop connect."]);
}

const connect = action({
  name: "connect",
  description: "Connect a Shopify or WooCommerce shop: its orders arrive by webhook",
  role: "admin",
  mutates: true,
  examples: ['/shop connect shopify kettle-co.myshopify.com brand:Kettle campaigns:"Spring Launch"', "/shop connect woocommerce https://shop.example.com"],
  options: {
    kind: opt.choice("The shop's platform", SHOP_KINDS).require().atPosition(),
    address: opt.text("Shopify: the shop's myshopify.com domain; WooCommerce: the site's address", 200).require().atPosition(),
    secret: opt.secret("The shop's signing secret (Shopify's webhook key, or the WooCommerce webhook's secret)").require(),
    brand: opt.text("The brand the shop sells", 80),
    campaigns: opt.text('Campaigns its total sales count for, by commas: "Spring Launch, Summer"', 500),
    currency: opt.custom<string>("The shop's currency (default: the first campaign's, else the workspace's)", "a currency code like EUR", (raw) => {
      const code = raw.trim().toUpperCase();
      return isCurrencyCode(code) ? { ok: true, value: code } : { ok: false, reason: `"${raw}" is not a currency code` };
    }, 3),
  },
  async run(ctx, input) {
    const kind = input.kind;
    const domain = kind === "shopify" ? shopifyDomain(input.address) : wooSite(input.address);
    const names = (input.campaigns ?? "").split(",").map((n) => n.trim()).filter(Boolean);
    const campaigns = [];
    for (const name of names) campaigns.push(await findCampaign(ctx.db, ctx.workspace.id, name));
    const unique = [...new Map(campaigns.map((c) => [c.id, c])).values()];
    const currency = input.currency ?? unique[0]?.currency ?? ctx.workspace.currency;
    const existing = await ctx.db.shop.findUnique({ where: { workspaceId_kind_domain: { workspaceId: ctx.workspace.id, kind, domain } } });
    if (existing) {
      throw new UserError("conflict", `${domain} is already connected.`, { hints: [`To connect it again with another secret: /shop disconnect ${domain}, then /shop connect.`] });
    }
    const token = randomBytes(18).toString("base64url");
    await ctx.db.shop.create({
      data: {
        workspaceId: ctx.workspace.id,
        kind,
        domain,
        brand: input.brand ?? null,
        currency,
        secret: input.secret,
        token,
        createdById: ctx.member.id,
        campaigns: { create: unique.map((c) => ({ campaignId: c.id })) },
      },
    });
    ctx.describeChange(`connected ${LABEL[kind]} shop ${domain}${unique.length ? ` for ${unique.map((c) => `"${c.name}"`).join(", ")}` : ""}`);
    const address = webhookAddress(ctx.services.publicUrl, kind, token);
    const topics = TOPICS_TO_SUBSCRIBE[kind];
    const where =
      kind === "shopify"
        ? "In Shopify: Settings → Notifications → Webhooks → Create webhook, format JSON, once per event:"
        : "In WordPress: WooCommerce → Settings → Advanced → Webhooks → Add webhook, status Active, API version WP REST API v3, with the same secret, once per topic:";
    const r = reply(`${LABEL[kind]} shop ${domain} connected`, "ephemeral")
      .fields([
        { label: "Webhook address", value: address },
        { label: "Currency", value: currency },
        input.brand ? { label: "Brand", value: input.brand } : null,
        { label: "Total sales count for", value: unique.length ? unique.map((c) => c.name).join(", ") : "no campaign (add campaigns: to feed lift)" },
      ])
      .text(`${where}\n${topics.map((t) => `• ${t}`).join("\n")}`);
    if (!ctx.services.publicUrl) r.note("Set PUBLIC_URL to the bot's public address (https://…) so this shows the full webhook address.");
    r.note("Orders with a code of this workspace count for its creator; orders through a tracking link for the link's; the others as store sales.");
    return r.build();
  },
});

const list = action({
  name: "list",
  description: "The shops connected, with their orders so far",
  role: "member",
  mutates: false,
  options: {},
  async run(ctx) {
    const shops = await ctx.db.shop.findMany({
      where: { workspaceId: ctx.workspace.id },
      include: { campaigns: { include: { campaign: { select: { name: true } } } }, _count: { select: { orders: true } } },
      orderBy: { id: "asc" },
    });
    if (shops.length === 0) return reply("No shop is connected").note("An admin connects one with /shop connect shopify <shop domain> or /shop connect woocommerce <site url>.").build();
    return reply(`Shops (${ctx.numbers.count(shops.length)})`)
      .table(
        ["shop", "platform", "brand", "currency", { header: "orders", align: "right" }, "campaigns"],
        shops.map((s) => [s.domain, LABEL[s.kind], s.brand ?? "", s.currency, String(s._count.orders), s.campaigns.map((c) => c.campaign.name).join(", ")]),
      )
      .build();
  },
});

const disconnect = action({
  name: "disconnect",
  description: "Stop taking a shop's webhooks (the orders already counted stay)",
  role: "admin",
  mutates: true,
  examples: ["/shop disconnect kettle-co.myshopify.com"],
  options: { shop: opt.text("The shop's domain or site address", 200).require().atPosition() },
  async run(ctx, input) {
    const shop = await findShop(ctx, input.shop);
    const orders = await ctx.db.shopOrder.count({ where: { shopId: shop.id } });
    // The orders it brought stay counted (Redemption, SalesDay, ShopSalesDay rows); its own records go.
    await ctx.db.shop.delete({ where: { id: shop.id } });
    return reply(`${shop.domain} disconnected`, "channel")
      .text(`Its webhooks are now refused; the ${ctx.numbers.count(orders)} order${orders === 1 ? "" : "s"} it sent stay counted.`)
      .note(`Delete the webhooks in the shop's admin too.`)
      .build();
  },
});

export default defineCommand({
  name: "shop",
  description: "Shopify and WooCommerce shops whose orders arrive by webhook",
  actions: [connect, list, disconnect],
});
