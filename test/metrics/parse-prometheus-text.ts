/**
 * A strict parser of Prometheus' text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format),
 * for tests: it throws on the first line that breaks the format, so a test
 * that parses a scrape proves the scrape is valid.
 */

/** One sample line. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One metric family: its HELP, TYPE and samples. */
export interface Family {
  name: string;
  help?: string;
  type?: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

/** Parses a scrape into families keyed by name; throws with the line number on any malformed line. */
export function parsePrometheusText(text: string): Map<string, Family> {
  if (text.length > 0 && !text.endsWith("\n")) throw new Error("the exposition must end with a line feed");
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let found = families.get(name);
    if (!found) {
      found = { name, samples: [] };
      families.set(name, found);
    }
    return found;
  };
  const lines = text.split("\n");
  lines.pop();
  for (const [index, line] of lines.entries()) {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line.trim() === "") continue;
    if (line.startsWith("#")) {
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!meta) continue; // a plain comment
      const [, keyword, name, rest = ""] = meta as unknown as [string, string, string, string | undefined];
      if (!NAME.test(name)) fail("bad metric name");
      const target = family(name);
      if (keyword === "HELP") {
        if (target.help !== undefined) fail("second HELP");
        target.help = unescape(rest, false, fail);
      } else {
        if (target.type !== undefined) fail("second TYPE");
        if (target.samples.length > 0) fail("TYPE after samples");
        if (!TYPES.has(rest)) fail("unknown type");
        target.type = rest as Family["type"];
      }
      continue;
    }
    const sample = parseSample(line, fail);
    family(familyOf(sample.name, families)).samples.push(sample);
  }
  for (const f of families.values()) checkFamily(f);
  return families;
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (!head) return fail("no metric name");
  const name = head[1] as string;
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === "{") {
    at += 1;
    for (;;) {
      if (line[at] === "}") break;
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (!label) return fail("bad label");
      const labelName = label[1] as string;
      if (!LABEL.test(labelName) || labelName.startsWith("__")) fail("reserved or bad label name");
      if (labelName in labels) fail("repeated label");
      at += label[0].length;
      let value = "";
      for (;;) {
        const char = line[at];
        if (char === undefined) return fail("unterminated label value");
        if (char === '"') break;
        if (char === "\\") {
          const next = line[at + 1];
          if (next === "\\") value += "\\";
          else if (next === '"') value += '"';
          else if (next === "n") value += "\n";
          else fail("bad escape in label value");
          at += 2;
          continue;
        }
        value += char;
        at += 1;
      }
      labels[labelName] = value;
      at += 1;
      if (line[at] === ",") at += 1;
      else if (line[at] !== "}") fail("expected , or }");
    }
    at += 1;
  }
  const rest = line.slice(at);
  const parts = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
  if (!parts) return fail("expected one space, a value and an optional timestamp");
  return { name, labels, value: parseValue(parts[1] as string, fail) };
}

/** As Prometheus reads values (Go's `strconv.ParseFloat`): special values in any case, so prom-client's `Nan` is fine. */
function parseValue(text: string, fail: (why: string) => never): number {
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if ((special[2] as string).toLowerCase() === "nan") return special[1] ? fail("signed NaN") : NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) fail("bad value");
  return Number(text);
}

function unescape(text: string, quotes: boolean, fail: (why: string) => never): string {
  return text.replace(/\\(.?)/g, (_whole, next: string) => {
    if (next === "\\") return "\\";
    if (next === "n") return "\n";
    if (quotes && next === '"') return '"';
    return fail("bad escape in HELP");
  });
}

/** The family a sample belongs to: its own name, or a histogram's or summary's base name. */
function familyOf(sample: string, families: Map<string, Family>): string {
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!sample.endsWith(suffix)) continue;
    const base = families.get(sample.slice(0, -suffix.length));
    if (base && (base.type === "histogram" || (base.type === "summary" && suffix !== "_bucket"))) return base.name;
  }
  return sample;
}

function checkFamily(f: Family): void {
  if (f.type === undefined && f.samples.length === 0) throw new Error(`${f.name}: HELP without samples or TYPE`);
  for (const s of f.samples) {
    if (f.type === "counter" && !(s.value >= 0)) throw new Error(`${f.name}: a counter below zero or NaN`);
  }
  if (f.type !== "histogram") return;
  const series = new Map<string, Sample[]>();
  for (const s of f.samples) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const samples of series.values()) {
    const buckets = samples.filter((s) => s.name === `${f.name}_bucket`);
    if (buckets.some((b) => b.labels.le === undefined)) throw new Error(`${f.name}: a bucket without le`);
    const les = buckets.map((b) => parseValue(b.labels.le as string, (why) => { throw new Error(`${f.name}: ${why}`); }));
    if (les.at(-1) !== Infinity) throw new Error(`${f.name}: no +Inf bucket`);
    for (let i = 1; i < buckets.length; i++) {
      if (!((les[i] as number) > (les[i - 1] as number))) throw new Error(`${f.name}: buckets out of order`);
      if ((buckets[i] as Sample).value < (buckets[i - 1] as Sample).value) throw new Error(`${f.name}: bucket counts not cumulative`);
    }
    const count = samples.find((s) => s.name === `${f.name}_count`);
    if (!count || !samples.some((s) => s.name === `${f.name}_sum`)) throw new Error(`${f.name}: missing _sum or _count`);
    if (count.value !== (buckets.at(-1) as Sample).value) throw new Error(`${f.name}: +Inf bucket differs from _count`);
  }
}

/** The value of the one sample named `name` whose labels include `labels`, or undefined. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
