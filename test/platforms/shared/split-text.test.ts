// splitText, shared by the Slack and Discord renderers.

import { expect, test } from "vitest";
import { splitText } from "../../../src/platforms/shared/split-text.ts";

test("cuts at line breaks, then spaces, then anywhere, losing only the break or space cut at", () => {
  expect(splitText("abc", 10)).toEqual(["abc"]);
  expect(splitText("aaaa\nbbbb\ncccc", 10)).toEqual(["aaaa\nbbbb", "cccc"]);
  expect(splitText("aaaa bbbb cccc", 10)).toEqual(["aaaa bbbb", "cccc"]);
  expect(splitText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
});

test("empty text is no piece", () => {
  expect(splitText("", 10)).toEqual([]);
});

test("a platform may move a cut made anywhere to an earlier place", () => {
  expect(splitText("x".repeat(25), 10, (_text, cut) => cut - 2)).toEqual(["x".repeat(8), "x".repeat(8), "x".repeat(9)]);
});
