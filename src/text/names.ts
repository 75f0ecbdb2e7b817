/** The fullest, best-written form: most words, then diacritics, then length. */
export function bestName(forms: Iterable<string>): string {
  return [...forms].sort((a, b) => {
    const wa = a.split(/\s+/).length;
    const wb = b.split(/\s+/).length;
    if (wa !== wb) return wb - wa;
    const da = /[^\x00-\x7f]/.test(a) ? 1 : 0;
    const db = /[^\x00-\x7f]/.test(b) ? 1 : 0;
    if (da !== db) return db - da;
    return b.length - a.length || (a < b ? -1 : 1);
  })[0]!;
}
