// Spend of a creator in a campaign (docs/reports.md): fixed costs (fee + product) once they have
// posted, plus commission on attributed revenue and a per-order amount. Commission can be a
// fraction of a cent, so spend is summed exactly in ten-thousandths of a minor unit and rounded
// (half up) only when shown: every period then adds up to the whole, to the cent.

export interface Terms {
  fee: number;
  productCost: number;
  commissionBps: number;
  perOrder: number;
}

/** Spend units: 1/10,000 of a minor unit. */
export const SPEND_SCALE = 10_000;

export const fixedCostUnits = (t: Terms) => (t.fee + t.productCost) * SPEND_SCALE;

export const variableCostUnits = (t: Terms, revenue: number, orders: number) => t.commissionBps * revenue + t.perOrder * orders * SPEND_SCALE;

/** Exact units → minor units, half up. */
export const unitsToMinor = (units: number) => Math.floor((units + SPEND_SCALE / 2) / SPEND_SCALE);

/** What one creator's terms cost in a stretch of time, in spend units: the fixed part and the variable part. */
export interface SpendParts {
  /** Fee + product, when the first post falls in the stretch. */
  fixedUnits: number;
  /** Commission + per order, on the stretch's orders (after refunds). */
  variableUnits: number;
}

/** The one place spend's rule is applied: fixed costs when the first post is in the stretch (`fixedIncurred`), variable ones on its orders. */
export const spendParts = (t: Terms, fixedIncurred: boolean, revenue: number, orders: number): SpendParts => ({
  fixedUnits: fixedIncurred ? fixedCostUnits(t) : 0,
  variableUnits: variableCostUnits(t, revenue, orders),
});

/** Which parts of the terms are paid in money (docs/payouts.md); the others are in kind (product seeding by default). */
export interface CashParts {
  fee: boolean;
  product: boolean;
  commission: boolean;
  perOrder: boolean;
}

export const DEFAULT_CASH_PARTS: CashParts = { fee: true, product: false, commission: true, perOrder: true };

/** The terms with the parts paid in kind left out: what is owed in money. */
export const cashTerms = (t: Terms, cash: CashParts): Terms => ({
  fee: cash.fee ? t.fee : 0,
  productCost: cash.product ? t.productCost : 0,
  commissionBps: cash.commission ? t.commissionBps : 0,
  perOrder: cash.perOrder ? t.perOrder : 0,
});

/** What a creator earned in money, by spend's own rule applied to the cash parts of their terms; the rest of their spend is in kind. */
export interface Earned {
  /** Fee and product, those paid in money, once the first post is in (spend units). */
  feesUnits: number;
  /** Commission and per-order amounts paid in money, after refunds (spend units). */
  commissionUnits: number;
  /** Spend paid in kind (product seeding by default), never owed (spend units). */
  inKindUnits: number;
}

export function earned(t: Terms, cash: CashParts, fixedIncurred: boolean, revenue: number, orders: number): Earned {
  const all = spendParts(t, fixedIncurred, revenue, orders);
  const money = spendParts(cashTerms(t, cash), fixedIncurred, revenue, orders);
  return {
    feesUnits: money.fixedUnits,
    commissionUnits: money.variableUnits,
    inKindUnits: all.fixedUnits + all.variableUnits - money.fixedUnits - money.variableUnits,
  };
}
