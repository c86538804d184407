#!/bin/sh
# Learns the ranking weights the engine ships (Sources/SanaSearch/Resources/ranking-weights.json)
# from every judged question: liveqa-dev (graded) and liveqa-weak (one judged answer each); the
# confidence curve also sees tools/unanswerable-questions.jsonl (questions no article answers).
#
#   tools/train-ranking.sh DATABASE      (a MedQuAD database: sana import ../shared/data/medquad)
#
# Environment: SANA (the built sana, default .build/debug/sana), SHARED (default ../shared),
# OUT (default the bundled weights file), SET (for tuning: `--set NAME=VALUE` options passed to
# sana features). Deterministic: the same engine and database give the same file (folds fixed by
# --seed 11).
set -eu
DB=${1:?usage: tools/train-ranking.sh DATABASE}
SANA=${SANA:-.build/debug/sana}
SHARED=${SHARED:-../shared}
OUT=${OUT:-Sources/SanaSearch/Resources/ranking-weights.json}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SANA" features "$SHARED/data/liveqa-dev/questions.jsonl" --out "$tmp/dev.jsonl" --database "$DB" ${SET:-}
"$SANA" features "$SHARED/data/liveqa-weak/questions.jsonl" --out "$tmp/weak.jsonl" --database "$DB" ${SET:-}
# Questions no health article answers (written for Sana): the confidence calibration's "not good".
"$SANA" features "$(dirname "$0")/unanswerable-questions.jsonl" --out "$tmp/unanswerable.jsonl" --database "$DB" ${SET:-}
python3 "$(dirname "$0")/learn_ranking.py" \
    --set dev "$tmp/dev.jsonl" "$SHARED/data/liveqa-dev/qrels.txt" \
    --set weak "$tmp/weak.jsonl" "$SHARED/data/liveqa-weak/qrels.txt" \
    --unanswerable "$tmp/unanswerable.jsonl" \
    --folds 5 --seed 11 --penalty 0.05 0.1 0.2 0.5 1 --threshold 0.15 --out "$OUT" \
    --command "tools/train-ranking.sh MEDQUAD.sqlite (features by sana features over liveqa-dev, liveqa-weak and tools/unanswerable-questions.jsonl; tools/learn_ranking.py --folds 5 --seed 11 --penalty 0.05 0.1 0.2 0.5 1 (chosen by nested CV) --unanswerable --threshold 0.15)"
