/** Codes of the errors a user can cause; the CLI maps each to one line and an exit code. */
export type PamphletErrorCode =
  | 'E_USAGE'
  | 'E_INPUT_MISSING'
  | 'E_INPUT_EMPTY'
  | 'E_INPUT_BINARY'
  | 'E_INPUT_TOO_LARGE'
  | 'E_NO_ARTICLE'
  | 'E_NO_CHROMIUM'
  | 'E_TEMPLATE'
  | 'E_RENDER'
  | 'E_TIME_BUDGET';

/**
 * An error the user can act on. `message` is one line: what input, what is wrong, what to do.
 */
export class PamphletError extends Error {
  readonly code: PamphletErrorCode;
  /** The input the error is about, when there is one. */
  readonly input?: string;

  constructor(code: PamphletErrorCode, message: string, options: {input?: string; cause?: unknown} = {}) {
    super(message, {cause: options.cause});
    this.name = 'PamphletError';
    this.code = code;
    this.input = options.input;
  }
}

export function isPamphletError(error: unknown): error is PamphletError {
  return error instanceof PamphletError;
}

/** The first line of an error's message: what a one-line report can carry. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}
