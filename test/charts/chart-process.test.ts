// The chart process (issue 18): local charts are drawn in a child of their own that the next
// chart reuses, ends when idle, and whose death fails only the charts it was drawing. Each
// ChartProcess is an object of its owner's (createCore's in the bot): two never share a child,
// and closing one ends its child.

import { afterAll, expect, test } from "vitest";
import { ChartProcess, childExecArgv } from "../../src/charts/chart-process.ts";
import { chartSpecs } from "../../src/charts/configs.ts";
import { sampleChartInputs } from "../../src/charts/samples.ts";

const [orders, engagement] = chartSpecs(sampleChartInputs());
const opened: ChartProcess[] = [];
const chartProcess = (limits?: ConstructorParameters<typeof ChartProcess>[0]) => {
  const made = new ChartProcess(limits);
  opened.push(made);
  return made;
};
afterAll(() => opened.forEach((p) => p.close()));

const isPng = (png: Buffer | undefined) => png?.subarray(0, 8).toString("hex") === "89504e470d0a1a0a";
const until = async (check: () => boolean) => {
  for (const started = Date.now(); !check(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() - started > 15_000) throw new Error("timed out");
};
const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

test("the child runs with the tsx loader and the small young generation, without a debugger port", () => {
  expect(childExecArgv(["--expose-gc", "--max-semi-space-size=2", "--import", "tsx", "--inspect=9229"])).toEqual(["--max-semi-space-size=2", "--import", "tsx"]);
  const bare = childExecArgv([]);
  expect(bare).toContain("--max-semi-space-size=2");
  expect(bare[bare.indexOf("--import") + 1]).toMatch(/^file:.*tsx.*loader\.mjs$/);
});

test("no child runs before the first chart", () => {
  expect(chartProcess().running).toBeUndefined();
});

test("charts in a row share one child; it ends when idle and the next chart starts another", async () => {
  const drawer = chartProcess({ idleMs: 300 });
  const a = await drawer.draw(orders!);
  const pid = drawer.running!.pid;
  const b = await drawer.draw(engagement!);
  expect([isPng(a.png), isPng(b.png)]).toEqual([true, true]);
  expect(drawer.running?.pid).toBe(pid);
  await until(() => drawer.running === undefined);
  const c = await drawer.draw(orders!);
  expect(isPng(c.png)).toBe(true);
  expect(drawer.running?.pid).not.toBe(pid);
});

test("two chart processes have a child each", async () => {
  const [one, two] = [chartProcess(), chartProcess()];
  await Promise.all([one.draw(orders!), two.draw(orders!)]);
  expect(one.running!.pid).not.toBe(two.running!.pid);
  two.close();
  expect(one.running).toBeDefined();
  expect(isPng((await one.draw(engagement!)).png)).toBe(true);
});

test("a child killed while drawing fails that chart with a clear error; the next chart is drawn", async () => {
  const drawer = chartProcess();
  const drawing = drawer.draw(orders!);
  const pid = drawer.running!.pid!;
  process.kill(pid, "SIGKILL");
  await expect(drawing).rejects.toThrow(/^charts: the drawing process (was ended by SIGKILL|exited with|ended \(its channel closed\))/);
  expect(isPng((await drawer.draw(orders!)).png)).toBe(true);
  expect(drawer.running?.pid).not.toBe(pid);
});

test("a child that does not answer in time is killed and the chart fails; a chart it cannot draw or be sent fails alone", async () => {
  await expect(chartProcess({ timeoutMs: 1 }).draw(orders!)).rejects.toThrow(/did not draw orders-revenue\.png within/);
  const drawer = chartProcess();
  // Too big for a Skia surface: this chart fails, the next is drawn.
  await expect(drawer.draw({ ...orders!, width: 1_000_000, height: 1_000_000 })).rejects.toThrow(/^charts: /);
  // Not plain data: it cannot be sent; only this chart fails.
  await expect(drawer.draw({ ...orders!, config: { ...orders!.config, plugins: [{ id: "x", beforeDraw() {} }] } })).rejects.toThrow(/could not be sent/);
  expect(isPng((await drawer.draw(orders!)).png)).toBe(true);
});

test("closing ends the child and what it was drawing; charts asked for after it fail and start no child", async () => {
  const drawer = chartProcess();
  await drawer.draw(orders!);
  const pid = drawer.running!.pid!;
  const drawing = drawer.draw(engagement!);
  drawer.close();
  await expect(drawing).rejects.toThrow(/^charts: the drawing process was closed/);
  expect(drawer.running).toBeUndefined();
  await until(() => gone(pid));
  await expect(drawer.draw(orders!)).rejects.toThrow(/after the chart process was closed/);
  expect(drawer.running).toBeUndefined();
});
