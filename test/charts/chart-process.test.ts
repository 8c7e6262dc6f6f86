// The chart process (issue 18): local charts are drawn in a child of their own that the next
// chart reuses, ends when idle, and whose death fails only the charts it was drawing.

import { afterAll, expect, test } from "vitest";
import { chartProcess, childExecArgv, renderInChild, setChartProcessLimits, stopChartProcess } from "../../src/charts/chart-process.ts";
import { chartSpecs } from "../../src/charts/configs.ts";
import { sampleChartInputs } from "../../src/charts/samples.ts";

const [orders, engagement] = chartSpecs(sampleChartInputs());
afterAll(() => stopChartProcess());

const isPng = (png: Buffer | undefined) => png?.subarray(0, 8).toString("hex") === "89504e470d0a1a0a";
const until = async (check: () => boolean) => {
  for (const started = Date.now(); !check(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() - started > 15_000) throw new Error("timed out");
};

test("the child runs with the tsx loader and the small young generation, without a debugger port", () => {
  expect(childExecArgv(["--expose-gc", "--max-semi-space-size=2", "--import", "tsx", "--inspect=9229"])).toEqual(["--max-semi-space-size=2", "--import", "tsx"]);
  const bare = childExecArgv([]);
  expect(bare).toContain("--max-semi-space-size=2");
  expect(bare[bare.indexOf("--import") + 1]).toMatch(/^file:.*tsx.*loader\.mjs$/);
});

test("charts in a row share one child; it ends when idle and the next chart starts another", async () => {
  setChartProcessLimits({ idleMs: 300 });
  const a = await renderInChild(orders!);
  const pid = chartProcess()!.pid;
  const b = await renderInChild(engagement!);
  expect([isPng(a.png), isPng(b.png)]).toEqual([true, true]);
  expect(chartProcess()?.pid).toBe(pid);
  await until(() => chartProcess() === undefined);
  const c = await renderInChild(orders!);
  expect(isPng(c.png)).toBe(true);
  expect(chartProcess()?.pid).not.toBe(pid);
  setChartProcessLimits({ idleMs: 20_000 });
});

test("a child killed while drawing fails that chart with a clear error; the next chart is drawn", async () => {
  stopChartProcess();
  const drawing = renderInChild(orders!);
  const pid = chartProcess()!.pid!;
  process.kill(pid, "SIGKILL");
  await expect(drawing).rejects.toThrow(/^charts: the drawing process (was ended by SIGKILL|exited with|ended \(its channel closed\))/);
  expect(isPng((await renderInChild(orders!)).png)).toBe(true);
  expect(chartProcess()?.pid).not.toBe(pid);
});

test("a child that does not answer in time is killed and the chart fails; a chart it cannot draw or be sent fails alone", async () => {
  stopChartProcess();
  setChartProcessLimits({ timeoutMs: 1 });
  await expect(renderInChild(orders!)).rejects.toThrow(/did not draw orders-revenue\.png within/);
  setChartProcessLimits({ timeoutMs: 60_000 });
  // Too big for a Skia surface: this chart fails, the next is drawn.
  await expect(renderInChild({ ...orders!, width: 1_000_000, height: 1_000_000 })).rejects.toThrow(/^charts: /);
  // Not plain data: it cannot be sent; only this chart fails.
  await expect(renderInChild({ ...orders!, config: { ...orders!.config, plugins: [{ id: "x", beforeDraw() {} }] } })).rejects.toThrow(/could not be sent/);
  expect(isPng((await renderInChild(orders!)).png)).toBe(true);
});

test("stopping ends the child", async () => {
  await renderInChild(orders!);
  const pid = chartProcess()!.pid!;
  stopChartProcess();
  expect(chartProcess()).toBeUndefined();
  await until(() => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  });
});
