// Types for scripts/ace.mjs, which the tests import.
export declare const ACE_CLI: string;
export declare function isAceAvailable(): boolean;
export interface AceViolation {
  document: string;
  rule: string;
  impact: string;
  message: string;
}
export declare function runAce(epubPath: string, options?: {timeout?: number}): Promise<AceViolation[]>;
