// Types for scripts/validate-release-config.mjs (a plain Node script: CI runs it without a build).
export declare const REPO_ROOT: string;
/** Pinning and permissions rules for one workflow file's text. */
export declare function workflowRuleProblems(name: string, text: string): string[];
/** action-validator and our rules over every workflow file in `dir`. */
export declare function validateWorkflows(dir: string): string[];
/** What auto-update needs from an electron-builder configuration object. */
export declare function publishProblems(config: Record<string, unknown>): string[];
/** electron-builder's loader and JSON schema, then the publish rules. */
export declare function validateBuilderConfig(configPath: string, projectDir?: string): Promise<string[]>;
