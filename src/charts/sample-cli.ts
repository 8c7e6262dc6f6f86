// Renders the three digest charts from made-up data into a folder, for the docs and for
// looking at a change: node --import tsx src/charts/sample-cli.ts <outdir> [--quickchart [url]]

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ChartProcess } from "./chart-process.ts";
import { renderCharts } from "./index.ts";
import { sampleChartInputs } from "./samples.ts";

const [outDir, flag, url] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node --import tsx src/charts/sample-cli.ts <outdir> [--quickchart [url]]");
  process.exit(2);
}

// Its own chart process, closed when the charts are written (no child is left running).
const chartProcess = new ChartProcess();
try {
  if (flag === "--quickchart") {
    // No length limit here: show every URL, with its length against the chat apps' limits.
    const images = await renderCharts(sampleChartInputs(), { mode: "quickchart", quickchartUrl: url, maxUrlLength: Infinity }, chartProcess);
    for (const image of images) console.log(`${image.name} (${image.url!.length} characters): ${image.url}`);
  } else {
    mkdirSync(outDir, { recursive: true });
    for (const image of await renderCharts(sampleChartInputs(), { mode: "local" }, chartProcess)) {
      const file = join(outDir, image.name);
      writeFileSync(file, image.png!);
      console.log(`${file} (${image.width}×${image.height})`);
    }
  }
} finally {
  chartProcess.close();
}
