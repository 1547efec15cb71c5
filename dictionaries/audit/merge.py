"""Merge the two annotators' labels of the audit samples (dictionaries/AUDIT.md) into the label files.

Usage (from the repository root; annotator folders are outside the repository, they quote report words):
    python3 dictionaries/audit/merge.py disputes A_DIR B_DIR ITEMS_DIR OUT_DIR
        lists what the annotators disagree on, for the adjudicator: OUT_DIR/disputes_precision.tsv and
        OUT_DIR/disputes_recall.tsv (each side shown as X/Y in a random order, never as A/B)
    python3 dictionaries/audit/merge.py final A_DIR B_DIR ITEMS_DIR ADJUDICATED_DIR
        writes precision.tsv (label_a, label_b, label) and recall.tsv in this folder

Each annotator folder holds precision_labels.tsv (item, label) and recall_mentions.tsv (para, surface, sector),
the formats of AUDIT.md. A trailing `?` (unsure) is kept in label_a/label_b and ignored when comparing.
Recall mentions are placed in the source by the k-th occurrence of their surface in the paragraph; mentions of
the two annotators that overlap form one mention. An agreed mention (both, same sector) keeps the union of the
two spans; a disputed one (one annotator only, or two sectors) is kept with the sector the adjudicator gives, or
dropped when the adjudicator answers NONE.
"""
import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from sample import doc_texts  # noqa: E402


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def plain(label):
    return label.strip().rstrip("?")


def labels(folder):
    return {r["item"]: r["label"].strip() for r in read_tsv(Path(folder) / "precision_labels.tsv")}


def paragraphs():
    texts = {}
    for corpus in ("provincial-2026", "national-zh"):
        texts.update(doc_texts(corpus))
    out = {}
    for r in read_tsv(HERE / "paragraphs.tsv"):
        start, end = int(r["start"]), int(r["end"])
        out[r["para"]] = (r, texts[r["doc_id"]].encode()[start:end])
    return out


def mentions(folder, paras, who):
    """[(para, start, end, sector, who, surface)] with byte offsets into the source text."""
    seen = {}
    out = []
    for r in read_tsv(Path(folder) / "recall_mentions.tsv"):
        surface = r["surface"].strip()
        if surface in ("-", ""):
            continue
        meta, text = paras[r["para"]]
        k = seen.get((r["para"], surface), 0)
        pos = -1
        for _ in range(k + 1):
            pos = text.find(surface.encode(), pos + 1)
        if pos < 0:
            raise SystemExit(f"{folder}: {r['para']}: {surface!r} occurs fewer than {k + 1} times")
        seen[(r["para"], surface)] = k + 1
        base = int(meta["start"])
        out.append((r["para"], base + pos, base + pos + len(surface.encode()), plain(r["sector"]), who, surface))
    return out


def clusters(a, b):
    """Overlapping mentions of the two annotators grouped: [(para, start, end, {who: sector}, [surfaces])]."""
    every = sorted(a + b, key=lambda m: (m[0], m[1], m[2]))
    groups = []
    for m in every:
        g = groups[-1] if groups else None
        if g and g[0] == m[0] and m[1] < g[2] and m[4] not in g[3]:
            g[1], g[2] = min(g[1], m[1]), max(g[2], m[2])
            g[3][m[4]] = m[3]
            g[4].append(m[5])
        else:
            groups.append([m[0], m[1], m[2], {m[4]: m[3]}, [m[5]]])
    return groups


def main():
    mode, a_dir, b_dir, items_dir, out_dir = sys.argv[1:6]
    la, lb = labels(a_dir), labels(b_dir)
    paras = paragraphs()
    groups = clusters(mentions(a_dir, paras, "a"), mentions(b_dir, paras, "b"))
    rng = random.Random(7)
    if mode == "disputes":
        items = {r["item"]: r for r in read_tsv(Path(items_dir) / "precision_items.tsv")}
        out = Path(out_dir)
        with open(out / "disputes_precision.tsv", "w", encoding="utf-8") as f:
            f.write("item\tsentence\tX\tY\n")
            for item in la:
                if plain(la[item]) != plain(lb[item]):
                    x, y = (la[item], lb[item]) if rng.random() < 0.5 else (lb[item], la[item])
                    f.write(f"{item}\t{items[item]['sentence']}\t{x}\t{y}\n")
        with open(out / "disputes_recall.tsv", "w", encoding="utf-8") as f:
            f.write("mention\tpara\tsurface\tX\tY\n")
            for n, (para, start, end, who, surfaces) in enumerate(groups, 1):
                if len(who) == 2 and who["a"] == who["b"]:
                    continue
                sides = [who.get("a", "(not marked)"), who.get("b", "(not marked)")]
                rng.shuffle(sides)
                f.write(f"M{n}\t{para}\t{'/'.join(dict.fromkeys(surfaces))}\t{sides[0]}\t{sides[1]}\n")
        return
    adjudicated = {}
    for name in ("adjudicated_precision.tsv", "adjudicated_recall.tsv"):
        for r in read_tsv(Path(out_dir) / name):
            adjudicated[r["id"]] = plain(r["label"])
    rows = read_tsv(HERE / "precision.tsv")
    with open(HERE / "precision.tsv", "w", encoding="utf-8") as f:
        f.write("item\tsplit\tcorpus\tdoc_id\tstart\tend\tsurface_len\tlabel_a\tlabel_b\tlabel\n")
        for r in rows:
            item = r["item"]
            final = plain(la[item]) if plain(la[item]) == plain(lb[item]) else adjudicated[item]
            f.write(
                f"{item}\t{r['split']}\t{r['corpus']}\t{r['doc_id']}\t{r['start']}\t{r['end']}\t{r['surface_len']}"
                f"\t{la[item]}\t{lb[item]}\t{final}\n"
            )
    meta = {r["para"]: r for r in read_tsv(HERE / "paragraphs.tsv")}
    with open(HERE / "recall.tsv", "w", encoding="utf-8") as f:
        f.write("item\tsplit\tcorpus\tdoc_id\tstart\tend\tsector\tannotators\n")
        for n, (para, start, end, who, _) in enumerate(groups, 1):
            if len(who) == 2 and who["a"] == who["b"]:
                sector = who["a"]
            else:
                sector = adjudicated[f"M{n}"]
            if sector == "NONE":
                continue
            p = meta[para]
            f.write(f"M{n}\t{p['split']}\t{p['corpus']}\t{p['doc_id']}\t{start}\t{end}\t{sector}\t{''.join(sorted(who))}\n")


if __name__ == "__main__":
    main()
