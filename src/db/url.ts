// Reads a DATABASE_URL: which database it names, the PostgreSQL schema it points into, and a
// form that is safe to print (no password).

export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (got "${url.split(":")[0]}:…")`);
}

/** A database URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@/]*@/, "$1:***@");
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresTarget {
  /** For pg: without Prisma's `schema` parameter, with search_path set to that schema. */
  connectionString: string;
  schema: string;
}

/**
 * `?schema=` is Prisma's way to name the PostgreSQL schema (default public). Prisma qualifies
 * its own queries with it; raw SQL and migrations rely on search_path, so both are set.
 */
export function postgresTarget(url: string): PostgresTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`DATABASE_URL: schema "${schema}" must be letters, digits and _ (at most 63), not starting with a digit`);
  }
  parsed.searchParams.delete("schema");
  const options = parsed.searchParams.get("options");
  parsed.searchParams.set("options", `${options ? `${options} ` : ""}-c search_path=${schema}`);
  return { connectionString: parsed.toString(), schema };
}
