"""Count the dictionary's Chinese terms in the exported corpus with jieba, pyahocorasick and flashtext; compare
with gwr (benches/peers/run.sh runs this). Every count difference is measured, not assumed."""

import json
import sys
import time
from pathlib import Path

import ahocorasick
import jieba
from flashtext import KeywordProcessor

work = Path(sys.argv[1])
terms = [t for t in (work / "terms.txt").read_text(encoding="utf-8").split("\n") if t]
exclusions = [t for t in (work / "exclusions.txt").read_text(encoding="utf-8").split("\n") if t]
text = (work / "corpus.txt").read_text(encoding="utf-8")
gwr = json.loads((work / "gwr.json").read_text(encoding="utf-8"))
mb = len(text.encode("utf-8")) / 1e6
term_set = set(terms)
rows = []


def timed(name, fn):
    t = time.perf_counter()
    result = fn()
    rows.append((name, time.perf_counter() - t, result))
    return result


# jieba with every term in its user dictionary, then counting tokens equal to a term (the method of the literature).
# Loading jieba's dictionary and adding the terms is timed apart: only the cut and the count are in the table.
t0 = time.perf_counter()
jieba.initialize()
for term in terms:
    jieba.add_word(term)
jieba_setup = time.perf_counter() - t0


def jieba_count():
    tokens = jieba.lcut(text)
    return sum(1 for tok in tokens if tok in term_set), tokens


jieba_n, tokens = timed("jieba cut + token equality", jieba_count)
rows[-1] = (rows[-1][0], rows[-1][1], jieba_n)

automaton = ahocorasick.Automaton()
for term in terms:
    automaton.add_word(term, term)
automaton.make_automaton()
all_n = timed("pyahocorasick, every occurrence", lambda: sum(1 for _ in automaton.iter(text)))
longest = timed("pyahocorasick, leftmost-longest", lambda: [(e - len(t) + 1, e + 1, t) for e, t in automaton.iter_long(text)])
rows[-1] = (rows[-1][0], rows[-1][1], len(longest))

processor = KeywordProcessor()
for term in terms:
    processor.add_keyword(term)
flash = timed("flashtext", lambda: processor.extract_keywords(text, span_info=True))
rows[-1] = (rows[-1][0], rows[-1][1], len(flash))

match = next(s for s in gwr["stages"] if s["stage"] == "match")
e2e = next(s for s in gwr["stages"] if s["stage"] == "end_to_end")

print(f"corpus: {mb:.1f} MB of normalized text, {len(terms)} Chinese dictionary forms, 1 thread each")
print(f"{'tool':<36} {'seconds':>8} {'MB/s':>8} {'matches':>9}")
print(f"{'gwr match (boundary rule, exclusions)':<36} {match['median_s']:>8.3f} {match['median_mb_s']:>8.1f} {match['result']:>9}")
print(f"{'gwr end to end (clean..hits)':<36} {e2e['median_s']:>8.3f} {e2e['median_mb_s']:>8.1f} {'':>9}")
for name, seconds, n in rows:
    print(f"{name:<36} {seconds:>8.3f} {mb / seconds:>8.1f} {n:>9}")

# Where the counts differ, measured.
excl = ahocorasick.Automaton()
for term in exclusions:
    excl.add_word(term, term)
if exclusions:
    excl.make_automaton()
    excluded_spans = [(e - len(t) + 1, e + 1) for e, t in excl.iter_long(text)]
else:
    excluded_spans = []
inside_exclusion = sum(1 for s, e, _ in longest if any(a <= s and e <= b for a, b in excluded_spans))
token_ends = set()
pos = 0
for tok in tokens:
    token_ends.add(pos)
    pos += len(tok)
token_ends.add(pos)
inside_longer_word = sum(1 for s, e, _ in longest if s not in token_ends or e not in token_ends)
flash_starts = {s for _, s, _ in flash}


def neighbour_is_word_char(s, e):
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return before.isalnum() or after.isalnum()


flash_missed = [(s, e) for s, e, _ in longest if s not in flash_starts]
flash_missed_next_to_chars = sum(1 for s, e in flash_missed if neighbour_is_word_char(s, e))
print(f"(jieba's dictionary load and adding the terms, not in the table: {jieba_setup:.2f} s;"
      " gwr's start-up is not in its rows either)")
print()
print("count differences, measured on this text:")
print(f"- every occurrence - leftmost-longest = {all_n - len(longest)}: occurrences nested in or overlapping a"
      " longer term (量子 inside 量子科技) are counted again by raw substring counting.")
print(f"- leftmost-longest occurrences inside an exclusion (核能 inside 核能力): {inside_exclusion}; raw substring"
      " counting includes them, gwr does not.")
print(f"- leftmost-longest occurrences that are not whole jieba tokens: {inside_longer_word}; gwr rejects those"
      " whose Han boundary jieba does not cut, token-equality counting also misses terms jieba glues into a longer"
      " word or cuts differently.")
print(f"- leftmost-longest occurrences flashtext does not report: {len(flash_missed)}, of which"
      f" {flash_missed_next_to_chars} have a letter, digit or Han char right before or after: flashtext's"
      " word-boundary rule drops Chinese matches next to other characters.")
print(f"- gwr also matches the dictionary's Latin forms (ai, 5g...) and counts only concept forms, so its count"
      f" ({match['result']}) is compared, not equated, with the Chinese-only counts above.")
