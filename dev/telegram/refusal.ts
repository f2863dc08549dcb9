/**
 * A Bot API error answer (ok: false). The send checks throw it so that each check stands on its
 * own; the dispatch turns it into the answer and the transcript entry.
 */
export class Refusal extends Error {
  /** the HTTP status, which is also the answer's error_code */
  readonly code: number;
  /** the reference's description, word for word */
  readonly description: string;
  /** the answer's `parameters` (retry_after, migrate_to_chat_id), when it carries any */
  readonly parameters?: Record<string, number>;

  constructor(code: number, description: string, parameters?: Record<string, number>) {
    super(description);
    this.name = 'Refusal';
    this.code = code;
    this.description = description;
    this.parameters = parameters;
  }
}

/** The 429 of the rate limits and of an injected throttle. [B5] */
export function tooManyRequests(retryAfter: number): Refusal {
  return new Refusal(429, `Too Many Requests: retry after ${retryAfter}`, {
    retry_after: retryAfter,
  });
}
