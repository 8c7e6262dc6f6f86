// The largest amount and count the bot keeps. Both databases hold 64 bits (BIGINT on PostgreSQL,
// INTEGER on SQLite) and the code reads numbers, exact up to 2^53 (about 9 × 10^15): values are
// held far below that, so that sums of many (a code's revenue, a campaign's views) stay exact,
// and a value beyond is refused alike on both databases instead of failing on one.

/** 10^11 minor units: $1,000,000,000.00, or ¥100,000,000,000 in a currency without decimals. */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

/** 10^12: views, followers, orders… */
export const MAX_COUNT = 1_000_000_000_000;

/** The largest row id (an INTEGER, int4, on PostgreSQL): a number typed as an id is checked against it. */
export const MAX_ID = 2_147_483_647;
