// Registers Inter, shipped through npm (@expo-google-fonts/inter, TTF), with the canvas, so a
// chart's text looks the same on every machine instead of whatever fonts the host has.

import { createRequire } from "node:module";
import { GlobalFonts } from "@napi-rs/canvas";

export const FONT_NAME = "Inter";

const FILES = ["400Regular/Inter_400Regular.ttf", "600SemiBold/Inter_600SemiBold.ttf", "700Bold/Inter_700Bold.ttf"];

let registered: boolean | undefined;

/** True when Inter is available to the canvas; registering twice does nothing. */
export function registerChartFonts(): boolean {
  if (registered !== undefined) return registered;
  const require = createRequire(import.meta.url);
  registered = FILES.every((file) => {
    try {
      return GlobalFonts.registerFromPath(require.resolve(`@expo-google-fonts/inter/${file}`), FONT_NAME) !== null;
    } catch {
      return false;
    }
  });
  return registered;
}
