#!/usr/bin/env python3
"""Question files the engine benchmarks ask, one question per line: the LiveQA dev questions and
every exported MedQuAD title. Used by bench/search.sh and bench/compare.sh.

  question_files.py DEV_QUESTIONS.jsonl EXPORT.jsonl OUT_FOLDER
"""
import json, sys

dev, export, work = sys.argv[1:]
with open(f"{work}/dev-questions.txt", "w") as f:
    for line in open(dev):
        f.write(" ".join(json.loads(line)["question"].split()) + "\n")
with open(f"{work}/medquad-titles.txt", "w") as f:
    for line in open(export):
        f.write(" ".join(json.loads(line)["title"].split()) + "\n")
