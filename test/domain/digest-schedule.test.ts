import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { latestOccurrence, nextOccurrence, periodFor, periodSoFar, readFrequency, type ScheduleTiming } from "../../src/domain/digest-schedule.ts";

const at = (iso: string) => new Date(iso);
const berlin9: ScheduleTiming = { frequency: "daily", weekday: null, time: "09:00", timeZone: "Europe/Berlin" };

describe("when a digest is due", () => {
  it("a daily 09:00 Berlin digest fires at 09:00 local time, 08:00 UTC in winter", () => {
    expect(latestOccurrence(berlin9, at("2026-11-23T08:00:00Z")).toUTC().toISO()).toBe("2026-11-23T08:00:00.000Z");
    expect(latestOccurrence(berlin9, at("2026-11-23T07:59:59Z")).toUTC().toISO()).toBe("2026-11-22T08:00:00.000Z");
    expect(nextOccurrence(berlin9, at("2026-11-23T08:00:00Z")).toUTC().toISO()).toBe("2026-11-24T08:00:00.000Z");
  });

  it("fires exactly once on the days the clocks change, at 09:00 local", () => {
    // Europe/Berlin: summer time starts 2026-03-29, ends 2026-10-25.
    for (const [day, utc] of [
      ["2026-03-28", "2026-03-28T08:00:00.000Z"],
      ["2026-03-29", "2026-03-29T07:00:00.000Z"],
      ["2026-10-25", "2026-10-25T08:00:00.000Z"],
    ] as const) {
      const occurrences = new Set<string>();
      // Tick every minute through the local day.
      const start = DateTime.fromISO(`${day}T00:00`, { zone: "Europe/Berlin" });
      for (let m = 0; m < 24 * 60; m++) {
        const now = start.plus({ minutes: m }).toJSDate();
        const o = latestOccurrence(berlin9, now);
        if (o.toISODate() === day) occurrences.add(o.toUTC().toISO()!);
      }
      expect([...occurrences]).toEqual([utc]);
    }
  });

  it("a time that does not exist on the spring-forward day still fires once that day", () => {
    const t: ScheduleTiming = { frequency: "daily", weekday: null, time: "02:30", timeZone: "Europe/Berlin" };
    const fire = latestOccurrence(t, at("2026-03-29T12:00:00Z"));
    expect(fire.toISODate()).toBe("2026-03-29");
    expect(fire.toUTC().toISO()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
  });

  it("a weekly digest at 23:30 in Pacific/Auckland lands on the local Monday (Sunday in UTC)", () => {
    const t: ScheduleTiming = { frequency: "weekly", weekday: 1, time: "23:30", timeZone: "Pacific/Auckland" };
    const fire = nextOccurrence(t, at("2026-11-20T00:00:00Z"));
    expect(fire.weekday).toBe(1);
    expect(fire.toISO()).toBe("2026-11-23T23:30:00.000+13:00");
    expect(fire.toUTC().toISO()).toBe("2026-11-23T10:30:00.000Z");
    expect(latestOccurrence(t, at("2026-11-23T10:29:00Z")).toISODate()).toBe("2026-11-16");
    expect(latestOccurrence(t, at("2026-11-23T10:30:00Z")).toISODate()).toBe("2026-11-23");
  });
});

describe("which days a digest covers", () => {
  it("daily: the previous calendar day, compared with the day before", () => {
    expect(periodFor("daily", DateTime.fromISO("2026-11-23T09:00", { zone: "Europe/Berlin" }))).toEqual({
      from: "2026-11-22",
      to: "2026-11-22",
      key: "2026-11-22",
      previous: { from: "2026-11-21", to: "2026-11-21" },
    });
  });
  it("weekly: the seven days ending yesterday, compared with the seven before", () => {
    expect(periodFor("weekly", DateTime.fromISO("2026-11-23T09:00", { zone: "UTC" }))).toEqual({
      from: "2026-11-16",
      to: "2026-11-22",
      key: "2026-11-16..2026-11-22",
      previous: { from: "2026-11-09", to: "2026-11-15" },
    });
  });
  it("so far: today, or the seven days ending today", () => {
    expect(periodSoFar("daily", at("2026-11-23T10:00:00Z"), "UTC").key).toBe("2026-11-23");
    expect(periodSoFar("weekly", at("2026-11-23T10:00:00Z"), "UTC").key).toBe("2026-11-17..2026-11-23");
  });
  it("reads daily, weekly and weekday names", () => {
    expect(readFrequency("Daily")).toEqual({ frequency: "daily", weekday: null });
    expect(readFrequency("weekly")).toEqual({ frequency: "weekly", weekday: 1 });
    expect(readFrequency("friday")).toEqual({ frequency: "weekly", weekday: 5 });
    expect(readFrequency("fortnightly")).toBeNull();
  });
});
