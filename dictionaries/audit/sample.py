"""Draw the audit samples of dictionaries/AUDIT.md at random, with a fixed seed.

Usage (from the repository root, after two analyses with the dictionary being audited):
    gwr analyze ../shared/corpora/provincial-2026 --out OUT_PROV
    gwr analyze ../shared/corpora/national-zh --out OUT_NAT
    python3 dictionaries/audit/sample.py OUT_PROV OUT_NAT ITEMS_DIR

Writes, in this folder, only ids and byte offsets (never report text):
    precision.tsv   660 sector hits drawn uniformly from both runs' hits.jsonl (policy vocabulary excluded);
                    label columns empty, to be filled from the annotators' files
    paragraphs.tsv  180 paragraphs (a line of the source text with 40..800 chars, at least 40 of them Han) drawn
                    uniformly from the ok documents of both corpora, without any dictionary filter
and, in ITEMS_DIR (outside the repository: it quotes the reports), what the annotators read:
    precision_items.tsv  item, report, the sentence around the hit with the term marked 【like this】
    paragraphs.txt       each paragraph under a `### P<n>` heading
A third of each sample (chosen at random) is `heldout`: it is not looked at while the dictionary is tuned.
"""
import csv
import json
import random
import sys
from pathlib import Path

SEED = 20261202
N_HITS = 660
N_PARAS = 180
CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
csv.field_size_limit(1 << 30)
SENTENCE_END = "。！？；\n"


def doc_texts(corpus):
    """doc_id -> decoded source text, as gwr's ingest names and decodes them."""
    texts = {}
    root = CORPORA / corpus
    for path in sorted(root.iterdir()):
        if path.suffix == ".csv":
            with open(path, encoding="utf-8-sig", newline="") as f:
                for i, row in enumerate(csv.DictReader(f), 1):
                    texts[f"{corpus}/{path.name}#{i}"] = row["full_text"]
        elif path.suffix == ".jsonl":
            for i, line in enumerate(open(path, encoding="utf-8"), 1):
                if line.strip():
                    texts[f"{corpus}/{path.name}#{i}"] = json.loads(line)["content"] or ""
    return texts


def sentence_around(text_bytes, start, end):
    """The sentence holding bytes start..end (at most 160 chars each side), with the hit marked."""
    text = text_bytes.decode()
    s, e = len(text_bytes[:start].decode()), len(text_bytes[:end].decode())
    lo = s
    while lo > 0 and text[lo - 1] not in SENTENCE_END and s - lo < 160:
        lo -= 1
    hi = e
    while hi < len(text) and text[hi] not in SENTENCE_END and hi - e < 160:
        hi += 1
    if hi < len(text) and text[hi] != "\n":
        hi += 1
    return (text[lo:s] + "【" + text[s:e] + "】" + text[e:hi]).replace("\t", " ").replace("\n", " ")


def main():
    out_prov, out_nat, items_dir = map(Path, sys.argv[1:4])
    here = Path(__file__).resolve().parent
    rng = random.Random(SEED)
    texts = {}
    hits, ok_docs = [], []
    for corpus, out in (("provincial-2026", out_prov), ("national-zh", out_nat)):
        texts.update(doc_texts(corpus))
        for line in open(out / "hits.jsonl", encoding="utf-8"):
            h = json.loads(line)
            if h["sector"] != "policy_vocabulary":
                hits.append((corpus, h))
        with open(out / "documents.csv", encoding="utf-8") as f:
            ok_docs += [(corpus, r["doc_id"]) for r in csv.DictReader(f) if r["status"] == "ok"]

    sample = rng.sample(hits, N_HITS)
    splits = ["dev"] * (N_HITS - N_HITS // 3) + ["heldout"] * (N_HITS // 3)
    rng.shuffle(splits)
    with open(here / "precision.tsv", "w", encoding="utf-8") as f, open(
        items_dir / "precision_items.tsv", "w", encoding="utf-8"
    ) as items:
        f.write("item\tsplit\tcorpus\tdoc_id\tstart\tend\tsurface_len\tlabel_a\tlabel_b\tlabel\n")
        items.write("item\treport\tsentence\n")
        for n, ((corpus, h), split) in enumerate(zip(sample, splits), 1):
            f.write(f"H{n}\t{split}\t{corpus}\t{h['doc_id']}\t{h['start']}\t{h['end']}\t{h['end'] - h['start']}\t\t\t\n")
            report = h["doc_id"].split("/", 1)[1].split("#")[0]
            items.write(f"H{n}\t{report}\t{sentence_around(texts[h['doc_id']].encode(), h['start'], h['end'])}\n")

    paragraphs = []
    for corpus, doc_id in ok_docs:
        text = texts[doc_id]
        pos = 0
        for line in text.split("\n"):
            b = len(line.encode())
            stripped = line.strip()
            han = sum(1 for c in stripped if "\u4e00" <= c <= "\u9fff")
            if 40 <= len(stripped) <= 800 and han >= 40:
                lead = len(line) - len(line.lstrip())
                start = pos + len(line[:lead].encode())
                paragraphs.append((corpus, doc_id, start, start + len(stripped.encode())))
            pos += b + 1
    chosen = rng.sample(paragraphs, N_PARAS)
    splits = ["dev"] * (N_PARAS - N_PARAS // 3) + ["heldout"] * (N_PARAS // 3)
    rng.shuffle(splits)
    with open(here / "paragraphs.tsv", "w", encoding="utf-8") as f, open(
        items_dir / "paragraphs.txt", "w", encoding="utf-8"
    ) as items:
        f.write("para\tsplit\tcorpus\tdoc_id\tstart\tend\n")
        for n, ((corpus, doc_id, s, e), split) in enumerate(zip(chosen, splits), 1):
            f.write(f"P{n}\t{split}\t{corpus}\t{doc_id}\t{s}\t{e}\n")
            report = doc_id.split("/", 1)[1].split("#")[0]
            items.write(f"### P{n} ({report})\n{texts[doc_id].encode()[s:e].decode()}\n\n")
    print(f"{len(hits)} sector hits, {len(paragraphs)} candidate paragraphs; sampled {N_HITS} and {N_PARAS}")


if __name__ == "__main__":
    main()
