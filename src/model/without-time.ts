/** A dashboard body without its "Updated …" time, to tell whether anything else changed. */
export function withoutTime(body: string): string {
  return body.replace(/Updated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/, "");
}
