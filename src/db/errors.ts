// Recognises database errors that mean something to a person (a unique value already taken).

/** Prisma's P2002; with driver adapters the fields sit under meta.driverAdapterError. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** The columns of the violated unique constraint, when Prisma says which. */
export function uniqueFields(error: unknown): string[] {
  const meta = (error as { meta?: Record<string, any> }).meta ?? {};
  const fields = meta.driverAdapterError?.cause?.constraint?.fields ?? meta.target;
  return Array.isArray(fields) ? fields.map(String) : typeof fields === "string" ? [fields] : [];
}
