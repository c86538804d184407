#!/usr/bin/env python3
"""Reference engine for bench/search.sh: tantivy (PyPI) over the same published articles and the
same questions Sana is timed on. Prints one JSON object like `sana bench-search`.

Fair to both: tantivy drops the stop words Sana drops (read from Sana's own list in
Sources/SanaCore/TextAnalyzer.swift, so the two stay in step), in the articles and in the
questions, and stems with the same Porter-style English stemmer. Each answer is made as Sana
makes it: the hit's stored document is read and a snippet of at most 200 characters (Sana's
`Passage.snippetLength`) is cut around the question's words, inside the timed call.

  tantivy_search.py EXPORT.jsonl QUESTIONS.txt...
"""
import json, pathlib, re, sys, time, resource

import tantivy

SNIPPET_LENGTH = 200  # Sana's Passage.snippetLength
SANA_STOP_WORDS = pathlib.Path(__file__).resolve().parent.parent / "Sources/SanaCore/TextAnalyzer.swift"


def sana_stop_words(path=SANA_STOP_WORDS):
    """The string literals of `TextAnalyzer.stopWords`; an error naming the file when it is not found."""
    source = path.read_text(encoding="utf-8")
    found = re.search(r"static let stopWords: Set<String> = \[(.*?)\]", source, re.S)
    if not found:
        sys.exit(f"{path}: no `static let stopWords: Set<String> = [...]` to read Sana's stop words from")
    words = re.findall(r'"([^"]*)"', found.group(1))
    if len(words) < 50:
        sys.exit(f"{path}: only {len(words)} stop words read; the list's format changed")
    return words


def main():
    export, files = sys.argv[1], sys.argv[2:]
    stop_words = sana_stop_words()
    schema = tantivy.SchemaBuilder()
    schema.add_text_field("id", stored=True, tokenizer_name="raw")
    schema.add_text_field("title", stored=True, tokenizer_name="sana_en")
    schema.add_text_field("body", stored=True, tokenizer_name="sana_en")
    schema = schema.build()
    index = tantivy.Index(schema)  # in RAM
    # tantivy's en_stem (simple tokens, long ones dropped, lower case, English stemmer) with
    # Sana's stop words removed before stemming, as Sana removes them.
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.remove_long(40))
                .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.custom_stopword(stop_words))
                .filter(tantivy.Filter.stemmer("english")).build())
    index.register_tokenizer("sana_en", analyzer)
    start = time.perf_counter()
    writer = index.writer(heap_size=200_000_000)
    count = 0
    for line in open(export, encoding="utf-8"):
        a = json.loads(line)
        if a.get("status") != "published":
            continue
        writer.add_document(tantivy.Document(id=a["id"], title=a["title"], body=a.get("body", "")))
        count += 1
    writer.commit()
    index.reload()
    build_ms = (time.perf_counter() - start) * 1000
    searcher = index.searcher()
    stops = set(stop_words)
    out = {"build_ms": round(build_ms, 3), "articles": count, "stop_words": len(stop_words)}
    for path in files:
        questions = [q for q in open(path, encoding="utf-8").read().split("\n") if q]
        def ask(q, answers, snippet=True):
            # Tokenising and parsing the question is part of answering it, as it is for Sana.
            # Stop words are dropped here too: the query parser would otherwise keep them as terms.
            text = " ".join(w for w in re.findall(r"[a-z0-9]+", q.lower()) if w not in stops) or "nothing"
            query = index.parse_query(text, ["title", "body"])
            hits = searcher.search(query, 10).hits
            if not answers:
                return hits
            if not snippet:
                return [(searcher.doc(address), score) for score, address in hits]
            snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
            snippets.set_max_num_chars(SNIPPET_LENGTH)
            made = []
            for score, address in hits:
                document = searcher.doc(address)
                made.append((document["id"][0], document["title"][0], score,
                             snippets.snippet_from_doc(document).fragment()))
            return made
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        out[name] = {"queries": len(questions)}
        # "answers": what Sana's times hold (hits, their documents, a snippet each); "documents":
        # hits and their stored documents; "hits": the ranked addresses only. The last two are
        # printed beside the first to show what each step of an answer costs.
        for answers, snippet, prefix in ((True, True, ""), (True, False, "documents_"), (False, False, "hits_")):
            for q in questions[:200]:
                ask(q, answers, snippet)
            times = []
            # Short files are asked several times over, as Sana's benchmark does: >= 1,000 timings.
            rounds = -(-1000 // len(questions)) if questions else 0
            for _ in range(rounds):
                for q in questions:
                    t = time.perf_counter()
                    ask(q, answers, snippet)
                    times.append((time.perf_counter() - t) * 1000)
            times.sort()
            pct = lambda p: times[min(len(times) - 1, int(p * len(times)))] if times else 0
            out[name].update({prefix + "timings": len(times), prefix + "p50_ms": round(pct(0.5), 4),
                              prefix + "p99_ms": round(pct(0.99), 4)})
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
