// How sure a rule is of a finding: certainty from the sample size, scaled by how far past its
// threshold the finding is, bounded so that no rule claims less than 0.3 or more than 0.95.
import { clamp } from "./numbers";

export const MIN_CONFIDENCE = 0.3;
export const MAX_CONFIDENCE = 0.95;

/** 1 - 1/sqrt(n + 1): 0 for no samples, 0.5 for 3, 0.67 for 8, 0.9 for 99; rises toward 1. */
export function sampleCertainty(samples: number): number {
  return 1 - 1 / Math.sqrt(Math.max(0, samples) + 1);
}

/**
 * How far past a threshold a value is, in [0, 1]: min(1, value / (2 × threshold)). A value exactly at
 * the threshold scores 0.5; twice the threshold or more scores 1.
 */
export function thresholdStrength(value: number, threshold: number): number {
  if (threshold <= 0) return 1;
  return clamp(value / (2 * threshold), 0, 1);
}

/** clamp(sampleCertainty(samples) × strength, 0.3, 0.95). */
export function evidenceConfidence(samples: number, strength = 1): number {
  return clamp(sampleCertainty(samples) * strength, MIN_CONFIDENCE, MAX_CONFIDENCE);
}
