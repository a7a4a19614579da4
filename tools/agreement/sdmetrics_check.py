"""Our report's figures against the field's reference definitions, on the rows the report used.

usage: /usr/bin/python3 tools/agreement/sdmetrics_check.py DIR
DIR holds train.csv, holdout.csv, synthetic.csv and report.json, written by tools/agreement/adult.ts.

- Quality score: SDMetrics' definitions, implemented here from its documentation (SDMetrics itself is not
  installed): KSComplement = 1 - two-sample KS statistic (scipy) on present values; TVComplement = 1 - total
  variation distance of category shares, a missing cell a category of its own; CorrelationSimilarity =
  1 - |rho_real - rho_syn| / 2 (Pearson on rows with both values, undefined for a constant column and left
  out of the mean); ContingencySimilarity = 1 - total variation distance of the joint shares, numbers cut
  into 10 equal bins over the real range (numpy.histogram_bin_edges, outer edges open). Quality = mean of
  the column-shape mean and the pair-trend mean.
- Logistic regression: scikit-learn's LogisticRegression(max_iter=1000) behind OneHotEncoder(handle_unknown=
  'ignore') and StandardScaler (as ../shared/peer/evaluate.py builds it), trained on the synthetic rows (and on
  the real training rows) and tested on the held-out rows; F1 of the rarer class.
- Detection: SDMetrics' LogisticDetection definition, 1 - mean(2 max(AUC, 0.5) - 1) over 3 stratified folds,
  the same preprocessing and scikit-learn's logistic regression; its folds are its own, so expect noise.
This is our own code, written from the definitions: no SDMetrics code is copied.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MISSING = '\u0000missing'


def load(path, numeric, categorical):
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[''])
    for c in numeric:
        df[c] = pd.to_numeric(df[c])
    for c in categorical:
        df[c] = df[c].fillna(MISSING)
    return df


def ks_complement(r, s):
    r, s = r.dropna(), s.dropna()
    return 1 - ks_2samp(r, s).statistic


def tv_complement(r, s):
    p, q = r.value_counts(normalize=True), s.value_counts(normalize=True)
    idx = p.index.union(q.index)
    return 1 - 0.5 * float(np.abs(p.reindex(idx, fill_value=0) - q.reindex(idx, fill_value=0)).sum())


def correlation_similarity(real, syn, a, b):
    def rho(df):
        pair = df[[a, b]].dropna()
        if len(pair) < 2 or pair[a].std() == 0 or pair[b].std() == 0:
            return np.nan
        return pair[a].corr(pair[b])

    return 1 - abs(rho(real) - rho(syn)) / 2


def contingency_similarity(real, syn, a, b, numeric):
    def binned(df, c):
        if c not in numeric:
            return df[c]
        edges = np.histogram_bin_edges(real[c].dropna(), bins=10)
        edges[0], edges[-1] = -np.inf, np.inf
        return pd.Series(np.digitize(df[c], edges), index=df.index)

    def shares(df):
        return pd.DataFrame({'a': binned(df, a), 'b': binned(df, b)}).groupby(['a', 'b']).size() / len(df)

    p, q = shares(real), shares(syn)
    idx = p.index.union(q.index)
    return 1 - 0.5 * float(np.abs(p.reindex(idx, fill_value=0) - q.reindex(idx, fill_value=0)).sum())


def quality(real, syn, columns, numeric):
    shapes = {
        c: ks_complement(real[c], syn[c]) if c in numeric else tv_complement(real[c], syn[c]) for c in columns
    }
    pairs = {}
    for i, a in enumerate(columns):
        for b in columns[i + 1:]:
            if a in numeric and b in numeric:
                pairs[(a, b)] = correlation_similarity(real, syn, a, b)
            else:
                pairs[(a, b)] = contingency_similarity(real, syn, a, b, numeric)
    shape_score = np.nanmean(list(shapes.values()))
    pair_score = np.nanmean(list(pairs.values()))
    return shapes, pairs, float(np.nanmean([shape_score, pair_score]))


def pipeline(numeric, categorical):
    return make_pipeline(
        ColumnTransformer([
            ('cat', OneHotEncoder(handle_unknown='ignore'), categorical),
            ('num', StandardScaler(), numeric),
        ]),
        LogisticRegression(max_iter=1000),
    )


def lr_f1(train, test, target, positive, numeric, categorical):
    features_num = [c for c in numeric if c != target]
    features_cat = [c for c in categorical if c != target]
    model = pipeline(features_num, features_cat)
    model.fit(train[features_num + features_cat], train[target] == positive)
    predicted = model.predict(test[features_num + features_cat])
    return float(f1_score(test[target] == positive, predicted))


def detection(real, syn, numeric, categorical, seed=0):
    x = pd.concat([real, syn], ignore_index=True)
    y = np.r_[np.ones(len(real)), np.zeros(len(syn))]
    folds = []
    for tr, te in StratifiedKFold(3, shuffle=True, random_state=seed).split(x, y):
        model = pipeline(numeric, categorical)
        model.fit(x.iloc[tr], y[tr])
        folds.append(roc_auc_score(y[te], model.predict_proba(x.iloc[te])[:, 1]))
    return 1 - float(np.mean([2 * max(a, 0.5) - 1 for a in folds])), folds


def value(measure):
    return measure['value'] if measure['ok'] else float('nan')


def main():
    folder = sys.argv[1]
    meta = json.load(open(os.path.join(folder, 'report.json')))
    columns = [c['name'] for c in meta['columns']]
    numeric = [c['name'] for c in meta['columns'] if c['kind'] == 'numeric']
    categorical = [c for c in columns if c not in numeric]
    target = columns[meta['target']]
    report = meta['report']
    train, holdout, syn = (load(os.path.join(folder, f), numeric, categorical)
                           for f in ('train.csv', 'holdout.csv', 'synthetic.csv'))

    shapes, pairs, score = quality(train, syn, columns, numeric)
    ours_quality = report['fidelity']['quality']
    shape_gaps = [abs(shapes[s['column']] - value(s['score'])) for s in ours_quality['shapes']]
    pair_gaps = [abs(pairs[tuple(p['columns'])] - value(p['score'])) for p in ours_quality['pairs']]
    worst_pair = max(ours_quality['pairs'], key=lambda p: abs(pairs[tuple(p['columns'])] - value(p['score'])))

    utility = report['utility']
    linear = next(m for m in utility['models'] if m['kind'] == 'linear')
    positive = utility['positiveClass']
    sk_syn = lr_f1(syn, holdout, target, positive, numeric, categorical)
    sk_real = lr_f1(train, holdout, target, positive, numeric, categorical)
    det, det_folds = detection(train, syn, numeric, categorical)

    out = {
        'rows': {'train': len(train), 'holdout': len(holdout), 'synthetic': len(syn)},
        'quality': {'ours': value(ours_quality['score']), 'sdmetrics_definitions': score},
        'column_shapes': {'max_abs_difference': max(shape_gaps)},
        'pair_trends': {
            'max_abs_difference': max(pair_gaps),
            'worst_pair': worst_pair['columns'],
            'worst_pair_ours': value(worst_pair['score']),
            'worst_pair_sdmetrics': pairs[tuple(worst_pair['columns'])],
        },
        'logistic_regression_f1': {
            'positive_class': positive,
            'synthetic_ours': linear['synthetic']['f1'],
            'synthetic_sklearn': sk_syn,
            'real_ours': linear['real']['f1'],
            'real_sklearn': sk_real,
        },
        'detection': {
            'ours': value(report['fidelity']['detection']['score']),
            'ours_fold_aucs': [value(a) for a in report['fidelity']['detection']['foldAucs']],
            'sdmetrics_definition_sklearn': det,
            'sklearn_fold_aucs': det_folds,
        },
    }
    print(json.dumps(out, indent=1))
    json.dump(out, open(os.path.join(folder, 'agreement.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
