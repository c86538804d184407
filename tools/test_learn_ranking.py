#!/usr/bin/env python3
"""Checks learn_ranking.py on a tiny synthetic set whose right answers only one feature finds.
Run: python3 tools/test_learn_ranking.py (SanaEvalTests runs it too)."""
import json, os, random, subprocess, sys, tempfile, unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import learn_ranking as lr


def synthetic(questions=40, candidates=15, seed=3):
    """The judged answer has the highest 'title' share; the prior's features (bm25fRaw, group,
    typeAny, focus) are noise that favours another candidate."""
    rng = random.Random(seed)
    feats, qrels = [], []
    for q in range(questions):
        good = rng.randrange(candidates)
        for c in range(candidates):
            f = {name: 0.0 for name in lr.FEATURES}
            f["bm25fRaw"] = rng.uniform(0, 1) + (0.6 if c == (good + 1) % candidates else 0)
            f["title"] = rng.uniform(0, 0.5) + (0.3 if c == good else 0)
            feats.append({"qid": str(q), "id": f"a{q}_{c}", "rank": c, "cluster": c, "features": f})
        qrels.append(f"{q} 4-Excellent a{q}_{good}")
    return feats, qrels


class LearnerTests(unittest.TestCase):
    def test_finds_the_separating_feature_and_reports_cross_validated_figures(self):
        for method in ("pairwise", "ascent"):
            with self.subTest(method=method):
                self.check_learns(method)

    @staticmethod
    def learn(*options, unanswerable=None):
        """Runs learn_ranking.py on the synthetic set with `options` (and `unanswerable`
        questions' feature rows, if given); its output as JSON."""
        feats, qrels = synthetic()
        with tempfile.TemporaryDirectory() as d:
            fpath, qpath, upath, out = (os.path.join(d, n) for n in ("f.jsonl", "q.txt", "u.jsonl", "w.json"))
            with open(fpath, "w") as f:
                f.writelines(json.dumps(r) + "\n" for r in feats)
            with open(qpath, "w") as f:
                f.write("\n".join(qrels) + "\n")
            if unanswerable is not None:
                with open(upath, "w") as f:
                    f.writelines(json.dumps(r) + "\n" for r in unanswerable)
                options = (*options, "--unanswerable", upath)
            subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "learn_ranking.py"),
                            "--set", "toy", fpath, qpath, "--folds", "4", "--out", out, *options],
                           check=True, capture_output=True)
            return json.load(open(out))

    def test_unanswerable_questions_teach_the_confidence_not_the_ranking(self):
        # Questions no article answers: every candidate shares a little of the words, none much.
        rng = random.Random(5)
        rows = []
        for q in range(20):
            for c in range(15):
                f = {name: 0.0 for name in lr.FEATURES}
                f["bm25fRaw"], f["title"] = rng.uniform(0, 0.3), rng.uniform(0, 0.1)
                rows.append({"qid": f"u{q}", "id": f"u{q}_{c}", "rank": c, "cluster": c, "features": f})
        plain, taught = self.learn(), self.learn(unanswerable=rows)
        self.assertEqual(plain["weights"], taught["weights"], "they have no answer to rank")
        self.assertEqual(plain["crossValidated"], taught["crossValidated"])
        no_good = taught["noGoodAnswer"]
        self.assertEqual(no_good["unanswerableScored"], 20, "each held out once")
        self.assertGreater(no_good["unanswerableFlagged"], no_good["unanswerableScored"] // 2)
        self.assertEqual(plain["noGoodAnswer"]["unanswerableScored"], 0)
        # They join the calibration as first answers that are not good.
        answers = lambda r: sum(b["answers"] for b in r["reliability"])
        self.assertEqual(answers(taught), answers(plain) + 20)

    def check_learns(self, method, penalties=("0.2",)):
        result = self.learn("--method", method, "--penalty", *penalties)
        w = result["weights"]
        self.assertGreater(w["title"], 0, "the feature that separates gains weight")
        # On held-out questions the learned order finds the judged answer first far more often
        # than the prior, which ranks by noise.
        self.assertLess(result["priorWeights"]["toy"]["MRR@10(>=2)"], 0.5)
        self.assertGreater(result["crossValidated"]["toy"]["MRR@10(>=2)"], result["priorWeights"]["toy"]["MRR@10(>=2)"] + 0.3)
        self.assertGreater(result["confidence"]["slope"], 0)
        return result

    def test_several_penalties_are_chosen_inside_each_training_fold(self):
        result = self.check_learns("pairwise", penalties=("0.01", "0.3", "5"))
        chosen = result["penaltyChosenPerFold"]
        self.assertEqual(len(chosen), 4, "one choice per outer fold")
        self.assertTrue(all(p in (0.01, 0.3, 5.0) for p in chosen + [result["penalty"]]))
        # The prior ranks by noise here, so the strongest pull towards it never wins.
        self.assertNotIn(5.0, chosen)

    def test_a_dropped_feature_keeps_weight_zero(self):
        result = self.learn("--drop", "title")
        self.assertEqual(result["weights"]["title"], 0, "the separating feature, dropped, is not used")
        self.assertLess(result["crossValidated"]["toy"]["MRR@10(>=2)"], 0.5, "without it the noise is all there is")

    def test_pairs_are_differences_of_standardised_features_weighing_one_per_question(self):
        q = lr.Question("toy", "1", {"b": 3, "c": 2}, graded=True)
        q.ids, q.rows = ["a", "b", "c"], [[0.0] * len(lr.FEATURES), [2.0] * len(lr.FEATURES), [1.0] * len(lr.FEATURES)]
        d, w = lr.pairs_of(q, [2.0] * len(lr.FEATURES))
        self.assertEqual(len(d), 3, "b over a, b over c, c over a")
        self.assertAlmostEqual(float(w.sum()), 1.0)
        self.assertEqual(sorted(round(float(r[0]), 3) for r in d), [0.5, 0.5, 1.0])

    def test_equivalent_answers_count_once(self):
        q = lr.Question("toy", "1", {"b": 4}, graded=False)
        q.ids, q.ranks, q.clusters = ["a", "a2", "b"], [0, 1, 2], [0, 0, 2]
        q.rows = [[1.0] * len(lr.FEATURES), [0.9] * len(lr.FEATURES), [0.5] * len(lr.FEATURES)]
        shown, _ = lr.order(q, [1.0] * len(lr.FEATURES))
        self.assertEqual([q.ids[i] for i in shown], ["a", "b"])
        self.assertEqual(lr.utility(q, [1.0] * len(lr.FEATURES)), 0.5)


if __name__ == "__main__":
    unittest.main()
