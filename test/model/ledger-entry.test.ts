import { describe, expect, it } from "vitest";
import { ledgerKey, ledgerPath, parseLedger, serializeEntries, utcDay } from "../../src/model/ledger-entry.js";
import { entry } from "../stages/dispatch/dispatch-fixture.js";

const FIRST = entry(12, { epic: 42, delivery: "d-1" });
const SECOND = entry(13, { repo: "acme/web", agent: "copilot", member: "hubot", time: "2026-11-21T23:59:59.000Z" });
const GOOD = JSON.stringify(FIRST);

describe("serializeEntries / parseLedger", () => {
  it("writes one newline-terminated JSON object per line and reads them back", () => {
    const text = serializeEntries([FIRST, SECOND]);
    expect(text.split("\n")).toEqual([GOOD, JSON.stringify(SECOND), ""]);
    expect(parseLedger(text)).toEqual({ entries: [FIRST, SECOND], releases: [], unreadable: 0 });
  });

  it("writes nothing for no entries", () => {
    expect(serializeEntries([])).toBe("");
    expect(parseLedger("")).toEqual({ entries: [], releases: [], unreadable: 0 });
  });

  it("reads CRLF line endings", () => {
    const text = serializeEntries([FIRST, SECOND]).replaceAll("\n", "\r\n");
    expect(parseLedger(text)).toEqual({ entries: [FIRST, SECOND], releases: [], unreadable: 0 });
  });

  const without = (field: string) => {
    const copy: Record<string, unknown> = { ...FIRST };
    delete copy[field];
    return JSON.stringify(copy);
  };

  it.each<[string, string, number]>([
    ["a line cut short", '{"v":1,"kind":"dispatch","key":"acme/api#12:1",', 1],
    ["a line of prose", "mona was here", 1],
    ["a JSON null", "null", 1],
    ["a JSON number", "42", 1],
    ["a JSON array", "[1,2]", 1],
    ["another kind", JSON.stringify({ ...FIRST, kind: "refund" }), 1],
    ["no key", without("key"), 1],
    ["no time", without("time"), 1],
    ["no repo", without("repo"), 1],
    ["no agent", without("agent"), 1],
    ["no member", without("member"), 1],
    ["the issue as a string", JSON.stringify({ ...FIRST, issue: "12" }), 1],
    ["blank and whitespace-only lines", "\n   \n\t", 0],
  ])("skips %s and keeps the good lines around it", (_name, bad, unreadable) => {
    const result = parseLedger(`${GOOD}\n${bad}\n${GOOD}\n`);
    expect(result.unreadable).toBe(unreadable);
    expect(result.entries).toEqual([FIRST, FIRST]);
  });

  it("counts every broken line", () => {
    expect(parseLedger(`{\n${GOOD}\nnot json\n${without("member")}\n`)).toEqual({ entries: [FIRST], releases: [], unreadable: 3 });
  });

  it("keeps a line without the optional epic and delivery fields", () => {
    const { epic: _epic, delivery: _delivery, ...bare } = FIRST;
    expect(parseLedger(JSON.stringify(bare)).entries).toEqual([bare]);
  });

  it("counts a line whose time is not a date as unreadable", () => {
    const bad = '{"kind":"dispatch","key":"k","time":"yesterday","repo":"acme/api","issue":1,"agent":"jules","member":"mona"}';
    expect(parseLedger(`${bad}\n${GOOD}\n`)).toEqual({ entries: [FIRST], releases: [], unreadable: 1 });
  });

  it("reads release lines apart from dispatch lines", () => {
    const release = { v: 1, kind: "release", key: "acme/api#12:1", time: "2026-11-22T10:00:00.000Z", repo: "acme/api", issue: 12, reason: "pull request closed unmerged" };
    expect(parseLedger(`${GOOD}\n${JSON.stringify(release)}\n`)).toEqual({ entries: [FIRST], releases: [release], unreadable: 0 });
  });
});

describe("ledgerPath", () => {
  it.each<[string, string, string]>([
    ["factory", "2026-11-22T09:00:00Z", "factory/dispatch-2026-11.jsonl"],
    ["factory/", "2026-11-22T09:00:00Z", "factory/dispatch-2026-11.jsonl"],
    ["factory//", "2026-11-22T09:00:00Z", "factory/dispatch-2026-11.jsonl"],
    ["ledgers/acme", "2026-01-01T00:00:00Z", "ledgers/acme/dispatch-2026-01.jsonl"],
    ["factory", "2026-11-30T23:59:59Z", "factory/dispatch-2026-11.jsonl"],
    ["factory", "2026-12-01T00:00:00Z", "factory/dispatch-2026-12.jsonl"],
    ["factory", "2026-11-30T20:00:00-05:00", "factory/dispatch-2026-12.jsonl"],
    ["factory", "2026-12-01T00:30:00+01:00", "factory/dispatch-2026-11.jsonl"],
  ])("puts %s at %s in %s (UTC month)", (directory, date, path) => {
    expect(ledgerPath({ directory, date: new Date(date) })).toBe(path);
  });
});

describe("ledgerKey", () => {
  it.each<[string, number, number, string]>([
    ["acme/api", 12, 1, "acme/api#12:1"],
    ["acme/api", 12, 3, "acme/api#12:3"],
    ["octo-org/web.site", 1042, 2, "octo-org/web.site#1042:2"],
  ])("keys %s #%i attempt %i as %s", (repo, issue, attempt, key) => {
    expect(ledgerKey({ repo, issue, attempt })).toBe(key);
  });
});

describe("utcDay", () => {
  it.each<[string, string | Date, string]>([
    ["the last second of a day", "2026-11-22T23:59:59Z", "2026-11-22"],
    ["the first second of the next", "2026-11-23T00:00:00Z", "2026-11-23"],
    ["a Date", new Date("2026-11-22T23:59:59.999Z"), "2026-11-22"],
    ["a time with an offset ahead of UTC", "2026-11-23T00:30:00+01:00", "2026-11-22"],
    ["a time with an offset behind UTC", "2026-11-22T20:00:00-05:00", "2026-11-23"],
  ])("reads %s", (_name, time, day) => {
    expect(utcDay(time)).toBe(day);
  });
});
