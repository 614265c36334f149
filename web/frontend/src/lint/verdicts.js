// The restricted evaluator's verdicts, as the server gave them (engine/definitions/verdicts.py): one list of
// problems per (kind, text). A text not judged yet has no verdict (`null`) and waits in `pending()` until the
// modeler fetches it (POST /admin/processes/sandbox-verdicts) and lints again.
const known = new Map();
const waiting = new Map();

const key = (kind, text) => kind + '\u0000' + text;

export function verdict(kind, text) {
  const found = known.get(key(kind, text));
  if (found === undefined) {
    waiting.set(key(kind, text), { kind, text });
    return null;
  }
  return found;
}

/** The (kind, text) pairs lint asked for and nobody has judged yet; asking clears the list. */
export function pending() {
  const items = [...waiting.values()];
  waiting.clear();
  return items;
}

/** Record verdicts: `[{kind, text, problems}]`. */
export function remember(items) {
  items.forEach(({ kind, text, problems }) => known.set(key(kind, text), problems));
}
