"""Train the credit risk scorer (probability of default within 12 months).

Data and model are described in aims/: every dataset loaded here has a DataProvenance record whose
`identifiers` list the path or table used below, and the registered model is in
aims/models/credit-risk-scorer.yaml.
"""
from __future__ import annotations

import lightgbm as lgb
import mlflow
import pandas as pd
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from warehouse import connect  # internal helper: read-only connection to the data warehouse

APPLICATIONS = "s3://northwind-ml/credit/applications-2024/"        # aims/data/loan-applications-2024.yaml
BUREAU_TABLE = "lending.bureau_attributes_2024"                      # aims/data/credit-bureau-attributes-2024.yaml
HOLDOUT = "s3://northwind-ml/credit/performance-holdout-2025/"      # aims/data/loan-performance-holdout-2025.yaml
MODEL_NAME = "credit-risk-scorer"                                     # registered as models:/credit-risk-scorer

TARGET = "dpd90_12m"
MONOTONE_INCREASING = {"debt_to_income", "arrears_count_24m", "utilisation_revolving"}

PARAMS = {
    "objective": "binary",
    "n_estimators": 400,
    "max_depth": 5,
    "learning_rate": 0.03,
    "num_leaves": 24,
    "min_child_samples": 200,
    "subsample": 0.8,
    "colsample_bytree": 0.8,
}


def load_training_data() -> pd.DataFrame:
    applications = pd.read_parquet(APPLICATIONS)
    with connect() as conn:
        bureau = pd.read_sql(f"SELECT * FROM {BUREAU_TABLE}", conn)
    return applications.merge(bureau, on="application_id", how="left", validate="one_to_one")


def split_by_time(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    train = df[df["application_month"] < "2024-01"]
    valid = df[df["application_month"] >= "2024-01"]
    return train, valid


def features(df: pd.DataFrame) -> list[str]:
    excluded = {TARGET, "application_id", "application_month", "country"}
    return [c for c in df.columns if c not in excluded]


def main() -> None:
    train, valid = split_by_time(load_training_data())
    cols = features(train)
    constraints = [1 if c in MONOTONE_INCREASING else 0 for c in cols]

    with mlflow.start_run(run_name="credit-risk-scorer-3.2"):
        model = lgb.LGBMClassifier(**PARAMS, monotone_constraints=constraints)
        model.fit(train[cols], train[TARGET], eval_set=[(valid[cols], valid[TARGET])])

        calibrator = IsotonicRegression(out_of_bounds="clip")
        calibrator.fit(model.predict_proba(valid[cols])[:, 1], valid[TARGET])

        holdout = pd.read_parquet(HOLDOUT)
        outcome = holdout[holdout[TARGET].notna()]
        pd_hat = calibrator.predict(model.predict_proba(outcome[cols])[:, 1])
        mlflow.log_metric("holdout_auc", roc_auc_score(outcome[TARGET], pd_hat))
        mlflow.log_metric("holdout_brier", brier_score_loss(outcome[TARGET], pd_hat))

        mlflow.lightgbm.log_model(model, artifact_path="model", registered_model_name=MODEL_NAME)


if __name__ == "__main__":
    main()
