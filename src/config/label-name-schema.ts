import { z } from "zod";

/**
 * GitHub rejects label names longer than 50 characters.
 * @see https://docs.github.com/en/rest/issues/labels#create-a-label
 */
const MAX_LABEL_LENGTH = 50;

/** A GitHub label name: non-empty and within GitHub's length limit. */
export const labelNameSchema = z
  .string()
  .trim()
  .min(1, "a label name cannot be empty")
  .max(MAX_LABEL_LENGTH, `GitHub label names are at most ${MAX_LABEL_LENGTH} characters`);
