#!/usr/bin/env python3
"""Inter-annotator agreement on the doubly annotated articles of tests/corpus (issue 14).

usage (from the checkout root):  python3 tests/corpus/agreement/agreement.py [--per-doc] [--json]

  a/NAME.gold.jsonl  first annotation (as written, before any review)
  b/NAME.gold.jsonl  second, independent annotation of the same ten articles

Each annotation set in turn is turned into "predicted events" in geokg's event JSON
(shared/docs/output-schema.md: doc, source {name, country}, target {name, country}, relation {cameo})
and scored by the reference scorer shared/tools/score.py with the other set as gold:
  - every gold line, core or optional, becomes exactly one predicted event;
  - a line listing several acceptable roots becomes ONE event with its FIRST root (one root per event,
    as a coder would emit; listing every root would let an ambiguous line match anything);
  - the actor name is the first (canonical) name of the line, the country its country.
Directions: A as gold / B predicted, and B as gold / A predicted. The figures are not symmetric:
recall counts core gold lines only, precision counts every predicted line (core or optional).
Printed per level (country+root, actor+root, country-dyad, actor-dyad): P/R/F1 for both directions
and the mean F1 of the two, overall and per language (fr = fr_raw_*, en = en_*).
score.py reads only the *.gold.jsonl files of GOLD_DIR (not the texts), so temporary folders hold
symlinks to the gold files of each subset.

The protocol above is lenient in three ways: an optional gold line absorbs a prediction without counting
it, a gold line with several roots accepts any of them, and a line one annotator marked core and the
other optional still counts as agreement. Two stricter variants are therefore printed after it:
  core-only     only core lines on both sides (agreement on what a coder must find);
  all-required  every line on both sides, every gold line treated as core (agreement on the inventory).

Standard library only. --per-doc adds the same figures per article; --json prints one JSON object.
The scorer is looked up at ../shared/tools/score.py from the checkout root; set GEOKG_SCORE to override.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]  # tests/corpus/agreement -> checkout root
SCORE = Path(os.environ.get("GEOKG_SCORE", REPO.parent / "shared" / "tools" / "score.py"))
LEVELS = ("country+root", "actor+root", "country-dyad", "actor-dyad")
SETS = {"A": HERE / "a", "B": HERE / "b"}


def lang_of(doc):
    return "fr" if doc.startswith("fr_") else "en" if doc.startswith("en_") else "other"


def load(folder):
    """{doc: [gold lines]} for every *.gold.jsonl of folder (an empty file is an article with no event)."""
    out = {}
    for f in sorted(folder.glob("*.gold.jsonl")):
        doc = f.name[: -len(".gold.jsonl")]
        lines = [json.loads(l) for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
        for g in lines:
            if g.get("doc") != doc:
                sys.exit(f"{f}: line {g.get('id')} has doc {g.get('doc')!r}, expected {doc!r}")
        out[doc] = lines
    return out


def as_predictions(gold_lines):
    """One predicted event (geokg output schema) per gold line, with its first root."""
    def actor(a):
        return {"name": a["names"][0], "country": a.get("country")}
    return [{"doc": g["doc"], "source": actor(g["source"]), "target": actor(g["target"]),
             "relation": {"cameo": g["roots"][0]}, "core": g.get("core", True), "gold_id": g.get("id")}
            for g in gold_lines]


def run_score(gold_folder, docs, predictions, tmp, gold_lines=None):
    """score.py on the gold files of `docs` against `predictions`. The gold files are symlinked into a
    fresh folder, or, for the stricter variants, rewritten from `gold_lines` ({doc: [lines]})."""
    d = Path(tempfile.mkdtemp(dir=tmp))
    for doc in docs:
        if gold_lines is None:
            (d / f"{doc}.gold.jsonl").symlink_to(gold_folder / f"{doc}.gold.jsonl")
        else:
            (d / f"{doc}.gold.jsonl").write_text(
                "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold_lines[doc]), encoding="utf-8")
    pred = d / "pred.jsonl"
    pred.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in predictions), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SCORE), str(d), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


VARIANTS = {
    # name: (which lines of the gold set are kept and how, which lines of the other set are predicted)
    "protocol": "gold files as written (optional lines excuse, only core lines count for recall); "
                "every line of the other set predicted",
    "core-only": "stricter: only core lines on both sides (do the two agree on what a coder MUST find?)",
    "all-required": "stricter: every line on both sides, every gold line counted as core "
                    "(did the other annotator code this event at all?)",
}


def variant_lines(lines, variant, side):
    """The gold lines (side='gold') or the lines to predict (side='pred') of one document."""
    if variant == "core-only":
        return [g for g in lines if g.get("core", True)]
    if variant == "all-required" and side == "gold":
        return [dict(g, core=True) for g in lines]
    return lines


def main():
    per_doc = "--per-doc" in sys.argv
    as_json = "--json" in sys.argv
    if not SCORE.is_file():
        sys.exit(f"scorer not found: {SCORE} (set GEOKG_SCORE)")
    data = {k: load(v) for k, v in SETS.items()}
    if set(data["A"]) != set(data["B"]):
        sys.exit(f"a/ and b/ hold different articles: {sorted(set(data['A']) ^ set(data['B']))}")
    docs = sorted(data["A"])
    subsets = {"all": docs}
    for lang in ("fr", "en"):
        subsets[lang] = [d for d in docs if lang_of(d) == lang]
    if per_doc:
        for d in docs:
            subsets[d] = [d]

    directions = (("A gold, B pred", "A", "B"), ("B gold, A pred", "B", "A"))
    results = {}
    with tempfile.TemporaryDirectory(prefix="agreement-") as tmp:
        for variant in VARIANTS:
            for name, subset in subsets.items():
                r = {}
                for label, g, p in directions:
                    preds = [e for d in subset for e in as_predictions(variant_lines(data[p][d], variant, "pred"))]
                    glines = None if variant == "protocol" else \
                        {d: variant_lines(data[g][d], variant, "gold") for d in subset}
                    r[label] = run_score(SETS[g], subset, preds, tmp, glines)
                r["mean F1"] = {lvl: round((r[directions[0][0]][lvl]["f1"] + r[directions[1][0]][lvl]["f1"]) / 2, 3)
                                for lvl in LEVELS}
                r["lines"] = {k: {"lines": sum(len(data[k][d]) for d in subset),
                                  "core": sum(1 for d in subset for g in data[k][d] if g.get("core", True))}
                              for k in ("A", "B")}
                r["docs"] = len(subset)
                results.setdefault(variant, {})[name] = r

    if as_json:
        print(json.dumps(results, indent=1))
        return
    for variant, what in VARIANTS.items():
        print(f"######## {variant}: {what}")
        print()
        for name, r in results[variant].items():
            la, lb = r["lines"]["A"], r["lines"]["B"]
            print(f"== {name}: {r['docs']} article(s); A {la['lines']} lines ({la['core']} core), "
                  f"B {lb['lines']} lines ({lb['core']} core)")
            print(f"   {'level':13s} | {'A gold, B pred':^34s} | {'B gold, A pred':^34s} | mean F1")
            for lvl in LEVELS:
                cells = []
                for label, _, _ in directions:
                    s = r[label][lvl]
                    cells.append(f"P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
                print(f"   {lvl:13s} | {cells[0]:^34s} | {cells[1]:^34s} | {r['mean F1'][lvl]:.3f}")
            print(f"   mean country+root F1 ({variant}, {name}): {r['mean F1']['country+root']:.3f}")
            print()


if __name__ == "__main__":
    main()
