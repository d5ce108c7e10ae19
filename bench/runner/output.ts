import { host, size } from './options.ts';

/** One JSON line per figure on stdout: {"name","value","unit","baseline","ratio", …}. */

export function emit(
  name: string,
  value: number | null,
  unit: string,
  baseline: number | null = null,
  extra: Record<string, unknown> = {},
) {
  const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(6)));
  const ratio = value !== null && baseline !== null && baseline !== 0 ? value / baseline : null;
  process.stdout.write(
    `${JSON.stringify({
      name,
      value: round(value),
      unit,
      baseline: round(baseline),
      ratio: ratio === null ? null : Number(ratio.toFixed(3)),
      ...extra,
      size,
      db: host,
    })}\n`,
  );
}
