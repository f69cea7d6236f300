/** Times a creation is sent at most when GitHub's answers leave it unknown whether it landed. */
export const CREATE_ATTEMPTS = 2;

/**
 * Makes a creation that GitHub may apply and still answer with an error: a
 * 5xx, or no answer at all, says nothing about whether the write landed
 * (https://github.com/probot/probot/issues/921: a comment answered 500 was
 * posted). After such an answer it looks for what the write would have made
 * (`landed`), returns that when it is there, and writes again only when it
 * is not — at most {@link CREATE_ATTEMPTS} writes in all. A definite refusal
 * (any 4xx) is thrown at once, and so is the first error when the look
 * itself fails: writing again without knowing could make a duplicate.
 */
export async function createOnce<T>(params: { create: () => Promise<T>; landed: () => Promise<T | undefined> }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await params.create();
    } catch (error) {
      if (!isUnknownOutcome(error)) throw error;
      let found: T | undefined;
      try {
        found = await params.landed();
      } catch {
        throw error;
      }
      if (found !== undefined) return found;
      if (attempt >= CREATE_ATTEMPTS) throw error;
    }
  }
}

function isUnknownOutcome(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return typeof status !== "number" || status >= 500;
}
