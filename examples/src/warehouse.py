"""Read-only connection to the Northwind data warehouse (credentials from the environment)."""
from __future__ import annotations

import os

import psycopg


def connect() -> psycopg.Connection:
    return psycopg.connect(os.environ["NORTHWIND_WAREHOUSE_DSN"], options="-c default_transaction_read_only=on")
