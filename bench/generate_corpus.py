#!/usr/bin/env python3
"""Writes a deterministic synthetic corpus of N answer articles (JSON Lines, `sana import` format)
from the vocabulary of published MedQuAD articles, for measuring the engine at scale.

  generate_corpus.py EXPORT.jsonl OUT.jsonl [--articles 1000000] [--seed 2026]

EXPORT.jsonl is `sana export` of a database holding MedQuAD. Words are drawn from MedQuAD's
word frequencies (so term statistics follow the real, Zipf-shaped distribution); body lengths,
section headings, question templates and categories follow the published articles. Each article
is about a made-up condition named from two MedQuAD focus words, so titles stay distinct. The
same seed always gives the same file.
"""
import argparse, collections, json, re, sys

import numpy as np

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export")
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()

    counts = collections.Counter()
    lengths, headings, categories, templates, focus_words = [], collections.Counter(), collections.Counter(), [], set()
    for line in open(args.export, encoding="utf-8"):
        a = json.loads(line)
        if a.get("status") != "published":
            continue
        body = a.get("body", "")
        words = WORD.findall(body)
        counts.update(w.lower() for w in words)
        lengths.append(len(words))
        headings.update(h.strip() for h in re.findall(r"^#+ (.+)$", body, re.M))
        categories[a["category"]] += 1
        focus = a.get("focus") or ""
        if focus and focus in a["title"]:
            templates.append(a["title"].replace(focus, "{}"))
        focus_words.update(w for w in WORD.findall(focus) if len(w) >= 5 and w[0].isupper())
    if not counts:
        sys.exit("no published articles in " + args.export)

    rng = np.random.default_rng(args.seed)
    vocab = np.array(sorted(counts))
    p = np.array([counts[w] for w in vocab], dtype=np.float64)
    p /= p.sum()
    lengths = np.array(sorted(lengths))
    heading_list = sorted(headings, key=lambda h: (-headings[h], h))[:200]
    category_list = sorted(categories)
    category_p = np.array([categories[c] for c in category_list], dtype=np.float64)
    category_p /= category_p.sum()
    templates = sorted(set(templates))
    focus_list = sorted(focus_words)

    with open(args.out, "w", encoding="utf-8") as out:
        batch = 10_000
        for start in range(0, args.articles, batch):
            n = min(batch, args.articles - start)
            sizes = np.maximum(lengths[rng.integers(0, len(lengths), n)], 20)
            words = vocab[rng.choice(len(vocab), size=int(sizes.sum()), p=p)]
            cats = rng.choice(len(category_list), size=n, p=category_p)
            offset = 0
            for i in range(n):
                k = start + i
                size = int(sizes[i])
                text = words[offset:offset + size]
                offset += size
                focus = f"{focus_list[rng.integers(len(focus_list))]} {focus_list[rng.integers(len(focus_list))].lower()} {k}"
                sections, pos = [], 0
                parts = 1 + size // 120
                for s in range(parts):
                    chunk = text[pos:pos + size // parts if s < parts - 1 else size]
                    pos += len(chunk)
                    para = " ".join(chunk)
                    para = para[:1].upper() + para[1:] + "."
                    if s == 0:
                        sections.append(para)
                    else:
                        sections.append(f"## {heading_list[rng.integers(len(heading_list))]}\n\n{para}")
                article = {
                    "id": f"SYN_{k:07d}",
                    "slug": f"synthetic-{k:07d}",
                    "title": templates[rng.integers(len(templates))].format(focus),
                    "focus": focus,
                    "category": category_list[cats[i]],
                    "status": "published",
                    "body": "\n\n".join(sections),
                }
                out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
