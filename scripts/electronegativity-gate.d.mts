// Types for scripts/electronegativity-gate.mjs (a plain Node script, so CI runs it without a build).
export interface Finding {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
  url: string;
}
export interface AllowListEntry {
  id: string;
  file: string;
  sample?: string;
  why: string;
}
export type GateResult = Finding & { status: 'blocking' | 'allowed' | 'info'; why?: string };
export class GateError extends Error {}
export const EXCLUDED_CHECKS: Record<string, string>;
export function parseCsv(text: string): string[][];
export function parseElectronegativityCsv(text: string): Finding[];
export function loadAllowList(path: string | null): AllowListEntry[];
export function applyAllowList(findings: Finding[], allowList: AllowListEntry[]): { results: GateResult[]; unused: AllowListEntry[] };
export function runGate(options?: {
  input?: string | null;
  allowListPath?: string | null;
  reportPath?: string | null;
}): Promise<{ exitCode: 0 | 1 | 2; output: string; results: GateResult[] }>;
