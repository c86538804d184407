#!/usr/bin/env python3
"""Learns Sana's ranking weights from judged questions, with k-fold cross-validation; writes
Sources/SanaSearch/Resources/ranking-weights.json (see tools/train-ranking.sh).

  learn_ranking.py --set NAME FEATURES.jsonl QRELS [--set ...] [--folds 5] [--seed 11] --out WEIGHTS.json

FEATURES.jsonl comes from `sana features QUESTIONS.jsonl --out FEATURES.jsonl` (one line per
question x candidate: the first stage's best 100). Each set's QRELS judges answers 1-4 as in
../shared/tools/liveqa_score.py; unjudged answers count as 1.

The score is linear in the features. Two learners:
  pairwise (default): a linear RankNet. Logistic loss on preference pairs (a better-judged
    candidate over a worse one, weighted by the grade difference, each question's pairs weighing
    1 in all) on standardised features, with an L2 pull (--penalty) towards the hand-tuned prior
    (the first stage's own boosts, scaled to fit), solved by Newton's method. Smooth and convex:
    with about a hundred questions it overfits less than searching the metric itself.
  ascent: coordinate ascent on the LiveQA measures themselves (for a graded set half the first
    answer's points and half MRR@10(>=2); for a one-answer set MRR@10(>=2)) over a small step
    grid, with the same pull towards the prior.

Only cross-validated figures are reported as results: weights fit on k-1 folds score the
held-out fold (folds fixed by --seed, each mixing every set). The shipped weights are then fit
on every question. Confidence: a logistic curve of the learned score against "the first answer is
good" (judged >= 3 in graded sets, the judged answer in one-answer sets), fit on the training
folds' first answers and checked on the held-out ones in bins (reliability). Given several
--penalty values, each outer fold chooses its own by an inner cross-validation over its training
questions only (nested), and the shipped weights use the one chosen the same way on all. Python's
standard library and NumPy; the result depends only on the inputs and the options.
"""
import argparse, json, math, random, sys

import numpy as np

FEATURES = ["bm25f", "bm25fRaw", "title", "names", "headings", "body", "coverage",
            "bestSection", "group", "focus", "typeFirst", "typeAny", "aspect", "focusType", "focusFirst"]
PRIOR = {"bm25fRaw": 10.0, "group": 15.0, "typeAny": 2.0, "focus": 4.0}
STEPS = [-1.0, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1.0]


def load_qrels(path):
    qrels = {}
    for line in open(path):
        if line.strip():
            qid, judgment, aid = line.split()
            aid, grade = aid.replace(".txt", ""), int(judgment.split("-")[0])
            j = qrels.setdefault(qid, {})
            j[aid] = max(grade, j.get(aid, 0))
    return qrels


class Question:
    def __init__(self, set_name, qid, judged, graded):
        self.set, self.qid, self.judged, self.graded = set_name, qid, judged, graded
        self.ids, self.ranks, self.clusters, self.rows = [], [], [], []


def load_set(name, features_path, qrels_path):
    qrels = load_qrels(qrels_path)
    graded = sum(len(j) for j in qrels.values()) > 1.5 * len(qrels)
    questions = {qid: Question(name, qid, j, graded) for qid, j in qrels.items()}
    for line in open(features_path):
        if not line.strip():
            continue
        r = json.loads(line)
        q = questions.get(str(r["qid"]))
        if q is None:
            continue
        missing = [f for f in FEATURES if f not in r["features"]]
        if missing:
            sys.exit(f"{features_path}: features {missing} missing; the engine and this learner disagree")
        q.ids.append(r["id"]); q.ranks.append(r["rank"]); q.clusters.append(r["cluster"])
        q.rows.append([float(r["features"][f]) for f in FEATURES])
    return list(questions.values())  # questions without candidates stay: they count as unanswered


def load_unanswerable(features_path):
    """Questions no article answers, as questions with nothing judged, in a fixed order."""
    questions = {}
    for line in open(features_path):
        if line.strip():
            r = json.loads(line)
            q = questions.setdefault(str(r["qid"]), Question("unanswerable", str(r["qid"]), {}, False))
            q.ids.append(r["id"]); q.ranks.append(r["rank"]); q.clusters.append(r["cluster"])
            q.rows.append([float(r["features"][f]) for f in FEATURES])
    return [questions[k] for k in sorted(questions)]


def scores_of(q, w):
    """Learned scores, summed in feature order as the engine sums them."""
    out = []
    for row in q.rows:
        s = 0.0
        for wi, fi in zip(w, row):
            s += wi * fi
        out.append(s)
    return out


def order(q, w, scores=None):
    """The shown answers, best first: learned score, ties by first-stage rank, one per set of equivalents."""
    if scores is None:
        scores = scores_of(q, w)
    idx = sorted(range(len(q.rows)), key=lambda i: (-scores[i], q.ranks[i]))
    seen, shown = set(), []
    for i in idx:
        if q.clusters[i] in seen:
            continue
        seen.add(q.clusters[i]); shown.append(i)
        if len(shown) == 10:
            break
    return shown, scores


def measures(q, shown):
    grades = [q.judged.get(q.ids[i], 1) for i in shown]
    first = grades[0] if grades else 1
    rr = next((1.0 / (r + 1) for r, g in enumerate(grades) if g >= 2), 0.0)
    return first, rr


def utility(q, w, scores=None):
    first, rr = measures(q, order(q, w, scores)[0])
    return 0.5 * (first - 1) / 3 + 0.5 * rr if q.graded else rr


def figures(questions, w):
    out = {}
    for name in sorted({q.set for q in questions}):
        qs = [q for q in questions if q.set == name]
        m = [measures(q, order(q, w)[0]) for q in qs]
        out[name] = {"questions": len(qs), "avgScore": round(sum(f - 1 for f, _ in m) / len(qs), 4),
                     "MRR@10(>=2)": round(sum(rr for _, rr in m) / len(qs), 4)}
    return out


def spreads(questions):
    """Per feature, its standard deviation over all candidates (a unit for the step grid and penalty)."""
    cols = list(zip(*[row for q in questions for row in q.rows])) or [[0.0]] * len(FEATURES)
    out = []
    for c in cols:
        mean = sum(c) / len(c)
        out.append(max(math.sqrt(sum((x - mean) ** 2 for x in c) / len(c)), 1e-3))
    return out


def fit(questions, prior, spread, penalty, passes=8):
    """Coordinate ascent from the prior: each weight in turn tries steps (in units of the score's
    spread per unit of the feature) and keeps the best that raises the penalised objective."""
    score_spread = sum(abs(p) * s for p, s in zip(prior, spread)) or 1.0
    unit = [score_spread / s for s in spread]

    def objective(w, delta_feature=None, delta=0.0, base=None):
        # Trying one weight's step changes each score by delta × that feature: no full re-sum.
        pen = sum(((wi - pi) * si / score_spread) ** 2 for wi, pi, si in zip(w, prior, spread))
        total = 0.0
        for k, q in enumerate(questions):
            scores = base[k] if delta_feature is None else [s + delta * row[delta_feature] for s, row in zip(base[k], q.rows)]
            total += utility(q, w, scores)
        return total / len(questions) - penalty * pen

    w = list(prior)
    base = [scores_of(q, w) for q in questions]
    best = objective(w, base=base)
    for _ in range(passes):
        improved = False
        for i in range(len(w)):
            trial_best, trial_w = best, None
            for step in STEPS:
                t = list(w); t[i] = w[i] + step * unit[i]
                v = objective(t, i, t[i] - w[i], base)
                if v > trial_best + 1e-6:
                    trial_best, trial_w = v, t
            if trial_w is not None:
                w, best, improved = trial_w, trial_best, True
                base = [scores_of(q, w) for q in questions]
        if not improved:
            break
    return w


def pairs_of(q, spread):
    """A question's preference pairs: a better-judged candidate over a worse one (unjudged counts
    as 1), as differences of standardised features, weighted by the difference of grades; its
    pairs weigh 1 in all, so questions with many judged answers do not outweigh the others.
    Differences do not depend on the mean, so each question's pairs are built once."""
    key = tuple(spread)
    if getattr(q, "pairs_for", None) != key:
        x = np.array(q.rows, dtype=float).reshape(len(q.rows), len(spread)) / np.array(spread)
        grades = np.array([q.judged.get(i, 1) for i in q.ids], dtype=float)
        better, worse = np.nonzero((grades[:, None] > grades[None, :]) & (grades[:, None] >= 2))
        gaps = grades[better] - grades[worse]
        q.pairs = (x[better] - x[worse], gaps / gaps.sum() if len(gaps) else gaps)
        q.pairs_for = key
    return q.pairs


def pair_matrix(questions, spread):
    """All the questions' preference pairs as one matrix and their weights."""
    parts = [pairs_of(q, spread) for q in questions]
    return (np.vstack([d for d, _ in parts]) if parts else np.zeros((0, len(spread))),
            np.concatenate([w for _, w in parts]) if parts else np.zeros(0))


def fit_pairwise(questions, prior, spread, penalty, iterations=30):
    """A linear RankNet: logistic loss on preference pairs, on standardised features, pulled
    towards the hand-tuned prior (scaled to fit the pairs) by an L2 penalty; Newton's method."""
    d, wt = pair_matrix(questions, spread)
    n = len(prior)
    prior_z = np.array([p * s for p, s in zip(prior, spread)])
    # The prior's own scale: one number fit on the pairs by Newton's method.
    x0, c = d @ prior_z, 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(c * x0, -30, 30)))
        g, h = float(np.sum(wt * (p - 1) * x0)), float(np.sum(wt * p * (1 - p) * x0 * x0))
        if h <= 0:
            break
        c -= g / h
    anchor = c * prior_z
    theta = anchor.copy()
    lam = penalty * len(questions)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(d @ theta, -30, 30)))
        grad = d.T @ (wt * (p - 1)) + lam * (theta - anchor)
        hess = (d * (wt * p * (1 - p))[:, None]).T @ d + lam * np.eye(n)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.abs(step).sum() < 1e-8:
            break
    # Back to raw features; the mean shift adds the same to every candidate of a question.
    return [float(t / s) for t, s in zip(theta, spread)]


def choose_penalty(questions, learn, penalties, folds, seed):
    """The penalty whose weights, fit on all but one inner fold, do best on it (mean utility):
    nested inside each outer fold, so the held-out questions never choose their own penalty."""
    shuffled = sorted(questions, key=lambda q: (q.set, q.qid))
    random.Random(seed).shuffle(shuffled)
    inner = [shuffled[i::folds] for i in range(folds)]
    best = None
    for penalty in penalties:
        total = 0.0
        for k in range(folds):
            w = learn([q for j, f in enumerate(inner) if j != k for q in f], penalty)
            total += sum(utility(q, w) for q in inner[k])
        if best is None or total > best[0] + 1e-9:
            best = (total, penalty)
    return best[1]


def logistic(points, iterations=200):
    """Fits p = 1 / (1 + e^-(a*s + b)) to (score, label) by Newton's method, lightly regularised."""
    a, b = 0.0, 0.0
    mean = sum(s for s, _ in points) / len(points)
    scale = math.sqrt(sum((s - mean) ** 2 for s, _ in points) / len(points)) or 1.0
    xs = [((s - mean) / scale, y) for s, y in points]
    for _ in range(iterations):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in xs:
            p = 1 / (1 + math.exp(-(a * x + b)))
            ga += (p - y) * x; gb += p - y
            h = p * (1 - p); haa += h * x * x; hab += h * x; hbb += h
        ga += 0.01 * a; haa += 0.01
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-10:
            break
    return a / scale, b - a * mean / scale


def first_answers(questions, w):
    """(learned score, good?) of each question's first answer; no answer counts as not good."""
    out = []
    for q in questions:
        shown, scores = order(q, w)
        if not shown:
            continue
        i = shown[0]
        good = q.judged.get(q.ids[i], 1) >= 3 if q.graded else q.ids[i] in q.judged
        out.append((scores[i], 1 if good else 0))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", nargs=3, action="append", metavar=("NAME", "FEATURES", "QRELS"), required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--penalty", type=float, nargs="+", default=[0.2],
                    help="pull towards the hand-tuned prior; several: chosen by nested cross-validation")
    ap.add_argument("--inner-folds", type=int, default=4, help="folds of the nested choice of penalty")
    ap.add_argument("--method", choices=["pairwise", "ascent"], default="pairwise")
    ap.add_argument("--threshold", type=float, default=0.25, help="confidence below which no answer counts as good")
    ap.add_argument("--candidates", type=int, default=100)
    ap.add_argument("--command", default=" ".join(sys.argv), help="recorded in the output as what produced it")
    ap.add_argument("--out", required=True)
    ap.add_argument("--drop", nargs="+", default=[], choices=FEATURES, metavar="FEATURE",
                    help="learn without these features (their weight stays 0): the rows of an ablation")
    ap.add_argument("--unanswerable", metavar="FEATURES",
                    help="features of questions no health article answers (tools/unanswerable-questions.jsonl): "
                    "their first answers join the confidence calibration as not good, never the ranking weights")
    ap.add_argument("--held-out-out", help="write each question's held-out first grade and reciprocal rank here "
                    "(JSON), to count the questions a change moved")
    args = ap.parse_args()

    questions = [q for name, f, r in args.set for q in load_set(name, f, r)]
    # Questions Sana has no answer for: without them the calibration sees only questions whose
    # answer MedQuAD holds, and learns that no score is low enough to say "no good answer".
    unanswerable = load_unanswerable(args.unanswerable) if args.unanswerable else []
    dropped = [FEATURES.index(f) for f in args.drop]
    for q in questions:
        for row in q.rows:
            for i in dropped:
                row[i] = 0.0
    prior = [PRIOR.get(f, 0.0) for f in FEATURES]
    spread = spreads(questions)
    shuffled = sorted(questions, key=lambda q: (q.set, q.qid))
    random.Random(args.seed).shuffle(shuffled)
    folds = [shuffled[i::args.folds] for i in range(args.folds)]
    unanswerable_folds = [unanswerable[i::args.folds] for i in range(args.folds)]

    def learn_with(train, penalty):
        if args.method == "pairwise":
            return fit_pairwise(train, prior, spread, penalty)
        return fit(train, prior, spread, penalty)

    chosen = []  # the penalty each outer fold chose on its own training questions

    def learn(train):
        penalty = args.penalty[0] if len(args.penalty) == 1 else \
            choose_penalty(train, learn_with, args.penalty, args.inner_folds, args.seed + 1)
        chosen.append(penalty)
        return learn_with(train, penalty)

    held_out = {}   # id(question) -> weights fit without it
    calib_points = []  # (held-out predicted confidence, label)
    unanswerable_points = []  # held-out predicted confidence of the unanswerable questions' first answers
    fold_weights = []
    for k in range(args.folds):
        train = [q for j, f in enumerate(folds) if j != k for q in f]
        w = learn(train)
        fold_weights.append(w)
        unanswerable_train = [q for j, f in enumerate(unanswerable_folds) if j != k for q in f]
        a, b = logistic(first_answers(train, w) + first_answers(unanswerable_train, w))
        for q in folds[k]:
            held_out[id(q)] = w
        for s, y in first_answers(folds[k], w):
            calib_points.append((1 / (1 + math.exp(-(a * s + b))), y))
        for s, _ in first_answers(unanswerable_folds[k], w):
            unanswerable_points.append(1 / (1 + math.exp(-(a * s + b))))

    def cv_figures():
        out = {}
        for name in sorted({q.set for q in questions}):
            qs = [q for q in questions if q.set == name]
            m = [measures(q, order(q, held_out[id(q)])[0]) for q in qs]
            out[name] = {"questions": len(qs), "avgScore": round(sum(f - 1 for f, _ in m) / len(qs), 4),
                         "MRR@10(>=2)": round(sum(rr for _, rr in m) / len(qs), 4)}
        return out

    cv = cv_figures()
    if args.held_out_out:
        with open(args.held_out_out, "w") as f:
            json.dump({f"{q.set}/{q.qid}": measures(q, order(q, held_out[id(q)])[0]) for q in questions}, f, indent=0, sort_keys=True)
    baseline = figures(questions, prior)
    bins = []
    every_point = calib_points + [(p, 0) for p in unanswerable_points]
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        inside = [(p, y) for p, y in every_point if lo <= p < lo + 0.2 or (lo == 0.8 and p == 1.0)]
        if inside:
            bins.append({"from": lo, "to": round(lo + 0.2, 1), "answers": len(inside),
                         "meanConfidence": round(sum(p for p, _ in inside) / len(inside), 3),
                         "goodShare": round(sum(y for _, y in inside) / len(inside), 3)})
    by_threshold = [{"threshold": t, "flagged": sum(1 for p, _ in calib_points if p < t),
                     "flaggedButGood": sum(y for p, y in calib_points if p < t),
                     "unanswerableFlagged": sum(1 for p in unanswerable_points if p < t)} for t in (0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3)]
    print("held-out first answers below each threshold:", json.dumps(by_threshold))
    flagged = [(p, y) for p, y in calib_points if p < args.threshold]
    no_good = {"threshold": args.threshold, "questionsFlagged": len(flagged),
               "flaggedButGood": sum(y for _, y in flagged), "questionsScored": len(calib_points),
               "unanswerableFlagged": sum(1 for p in unanswerable_points if p < args.threshold),
               "unanswerableScored": len(unanswerable_points)}

    final = learn(questions)
    slope, intercept = logistic(first_answers(questions, final) + first_answers(unanswerable, final))
    if slope <= 0:
        sys.exit("confidence does not grow with the learned score: refusing to ship a calibration that says otherwise")
    result = {
        "command": args.command,
        "about": f"Ranking weights learned by tools/learn_ranking.py ({args.method}) on every judged question; "
                 "crossValidated holds the only honest figures (weights fit on the other folds).",
        "candidates": args.candidates,
        "weights": {f: round(w, 6) for f, w in zip(FEATURES, final)},
        "confidence": {"slope": round(slope, 6), "intercept": round(intercept, 6), "threshold": args.threshold,
                       "label": "first answer judged >= 3 (graded sets) or the judged answer (one-answer sets); "
                                "never for a question no health article answers"},
        "method": args.method, "folds": args.folds, "seed": args.seed,
        "penalty": chosen[-1], "penaltiesTried": args.penalty, "penaltyChosenPerFold": chosen[:-1],
        "crossValidated": cv,
        "priorWeights": baseline,
        "reliability": bins,
        "noGoodAnswer": no_good,
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print("hand-tuned prior (no fitting):", json.dumps(baseline))
    print(f"cross-validated ({args.folds} folds, seed {args.seed}):", json.dumps(cv))
    print("reliability of held-out confidence:", json.dumps(bins))
    print("no good answer (held out):", json.dumps(no_good))
    print("weights fit on all:", json.dumps(result["weights"]))


if __name__ == "__main__":
    main()
