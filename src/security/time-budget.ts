import {PamphletError} from '../errors.js';

/**
 * A minute per article for reading, cleaning and fetching images: a long article takes a
 * second or two, a 20 MB page about twenty. Rendering has its own limits (Chromium's).
 */
export const DEFAULT_TIME_BUDGET_S = 60;

/** The clock an article's budget is measured on, started when work on it starts. */
export interface TimeBudget {
  /** `performance.now()` after which the article is out of time. */
  deadline: number;
  /** Milliseconds left, never below 0. */
  left(): number;
  /** Throws a one-line error naming the input when the budget is spent. */
  check(stage: string): void;
}

export function startTimeBudget(input: string, budgetMs: number, now: () => number = () => performance.now()): TimeBudget {
  const started = now();
  const deadline = started + budgetMs;
  return {
    deadline,
    left: () => Math.max(0, deadline - now()),
    check(stage) {
      if (now() <= deadline) return;
      const seconds = Math.round((now() - started) / 1000);
      throw new PamphletError('E_TIME_BUDGET', `${input}: ${stage} took ${seconds} s, over the ${budgetMs / 1000} s time budget per article (--time-budget raises it)`, {input});
    },
  };
}
