"""Train the card transaction fraud detector.

The transactions are described in aims/data/card-transactions-2025.yaml and the model in
aims/models/transaction-fraud-detector.yaml.
"""
from __future__ import annotations

import mlflow
import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score

TRANSACTIONS = "s3://northwind-ml/fraud/card-transactions-2025/"   # aims/data/card-transactions-2025.yaml
CHARGEBACKS = "s3://northwind-ml/fraud/chargebacks-2025/"          # disputed transactions reported by the processor
MODEL_NAME = "transaction-fraud-detector"                           # registered as models:/transaction-fraud-detector

TARGET = "is_fraud"
GENUINE_SAMPLE_RATE = 0.05  # keep 1 in 20 genuine transactions in training, reweighted below


def load() -> pd.DataFrame:
    tx = pd.read_parquet(TRANSACTIONS)
    # late fraud chargebacks that reached the processor after the transaction export
    chargebacks = pd.read_parquet(CHARGEBACKS, columns=["transaction_ref", "reason_code"])
    fraud_refs = set(chargebacks.loc[chargebacks["reason_code"].isin(["10.4", "4837"]), "transaction_ref"])
    tx.loc[tx["transaction_ref"].isin(fraud_refs), TARGET] = 1
    return tx


def split(tx: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    month = tx["authorised_at"].dt.month
    return tx[month <= 8], tx[month == 9], tx[month >= 10]


def downsample(train: pd.DataFrame) -> pd.DataFrame:
    fraud = train[train[TARGET] == 1]
    genuine = train[train[TARGET] == 0].sample(frac=GENUINE_SAMPLE_RATE, random_state=42)
    out = pd.concat([fraud, genuine])
    out["weight"] = out[TARGET].map({1: 1.0, 0: 1.0 / GENUINE_SAMPLE_RATE})
    return out


def main() -> None:
    train, valid, test = split(load())
    train = downsample(train)
    cols = [c for c in train.columns if c not in {TARGET, "weight", "transaction_ref", "card_token", "authorised_at"}]

    with mlflow.start_run(run_name="transaction-fraud-detector-1.4"):
        model = xgb.XGBClassifier(n_estimators=600, max_depth=6, learning_rate=0.05, eval_metric="aucpr")
        model.fit(train[cols], train[TARGET], sample_weight=train["weight"], eval_set=[(valid[cols], valid[TARGET])])
        mlflow.log_metric("test_pr_auc", average_precision_score(test[TARGET], model.predict_proba(test[cols])[:, 1]))
        mlflow.xgboost.log_model(model, artifact_path="model", registered_model_name=MODEL_NAME)


if __name__ == "__main__":
    main()
