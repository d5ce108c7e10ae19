/** The p-quantile (0…1) of ascending samples, by nearest rank; 0 for no samples. */
export function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
