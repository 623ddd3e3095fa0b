"""Load sales exports from CSV files into pandas DataFrames.

The finance team drops one CSV per day into ``exports/``. Files are large, so we
read them in chunks, coerce column types explicitly and drop malformed rows
instead of failing the whole import.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

logger = logging.getLogger(__name__)

# 컬럼 타입을 명시하지 않으면 pandas가 우편번호 앞의 0을 지워버린다.
COLUMN_DTYPES = {
    "order_id": "string",
    "customer_id": "string",
    "postal_code": "string",
    "quantity": "Int64",
    "unit_price": "float64",
}
DATE_COLUMNS = ["ordered_at", "shipped_at"]


def read_sales_csv(path: Path, chunk_size: int = 50_000, encoding: str = "utf-8") -> pd.DataFrame:
    """Read one export file chunk by chunk and return a single cleaned DataFrame."""
    frames = []
    reader = pd.read_csv(
        path,
        dtype=COLUMN_DTYPES,
        parse_dates=DATE_COLUMNS,
        chunksize=chunk_size,
        encoding=encoding,
        on_bad_lines="warn",
    )
    for chunk in reader:
        frames.append(_clean_chunk(chunk))
    if not frames:
        return pd.DataFrame(columns=list(COLUMN_DTYPES) + DATE_COLUMNS)
    df = pd.concat(frames, ignore_index=True)
    logger.info("loaded %d rows from %s", len(df), path.name)
    return df


def _clean_chunk(chunk: pd.DataFrame) -> pd.DataFrame:
    before = len(chunk)
    chunk = chunk.dropna(subset=["order_id", "quantity"])
    chunk = chunk[chunk["quantity"] > 0]
    chunk["total_price"] = chunk["quantity"] * chunk["unit_price"]
    dropped = before - len(chunk)
    if dropped:
        logger.warning("dropped %d malformed rows", dropped)
    return chunk


def load_export_directory(directory: Path, pattern: str = "sales_*.csv",
                          since: Optional[pd.Timestamp] = None) -> pd.DataFrame:
    """Concatenate every export in ``directory``, optionally keeping only recent orders."""
    files: Iterable[Path] = sorted(directory.glob(pattern))
    frames = [read_sales_csv(f) for f in files]
    if not frames:
        raise FileNotFoundError(f"no files matching {pattern} in {directory}")
    df = pd.concat(frames, ignore_index=True).drop_duplicates(subset="order_id")
    if since is not None:
        df = df[df["ordered_at"] >= since]
    return df.sort_values("ordered_at").reset_index(drop=True)


def summarize_by_customer(df: pd.DataFrame) -> pd.DataFrame:
    """Total revenue and order count per customer, largest first."""
    summary = (
        df.groupby("customer_id")
        .agg(orders=("order_id", "nunique"), revenue=("total_price", "sum"))
        .sort_values("revenue", ascending=False)
    )
    return summary.reset_index()
