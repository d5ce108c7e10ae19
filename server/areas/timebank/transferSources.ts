import type { TransferSourceType } from '../../db/schema.ts';
import type { TransferSourceCheck } from '../manifest.ts';

/**
 * The checks of the things a transfer can be for, each given by the area that owns the thing
 * (its manifest's `transferSources`, put together in server/areas/index.ts). The time bank knows no
 * other area's tables or rules: a booking is the sharing area's to check, a shift participation's.
 */
const checks = new Map<TransferSourceType, TransferSourceCheck>();

export function registerTransferSources(sources: Partial<Record<TransferSourceType, TransferSourceCheck>>) {
  for (const [type, check] of Object.entries(sources) as [TransferSourceType, TransferSourceCheck][]) {
    if (checks.has(type) && checks.get(type) !== check)
      throw new Error(`transfer source "${type}" registered twice`);
    checks.set(type, check);
  }
}

/** The check of a source type; undefined when no area has registered it (then nothing can be paid for it). */
export function transferSourceCheck(type: TransferSourceType): TransferSourceCheck | undefined {
  return checks.get(type);
}
