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
