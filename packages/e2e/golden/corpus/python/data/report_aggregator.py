"""Monthly library circulation report built with pandas.

Joins the loans export with the members export and produces, per month and
membership tier, the number of loans, the average loan length in days and the
share of loans returned late. The result is written to an Excel workbook.
"""
from pathlib import Path

import pandas as pd


def load_loans(path: Path) -> pd.DataFrame:
    loans = pd.read_parquet(path)
    loans["borrowed_at"] = pd.to_datetime(loans["borrowed_at"])
    loans["returned_at"] = pd.to_datetime(loans["returned_at"])
    loans["due_date"] = pd.to_datetime(loans["due_date"])
    return loans


def add_loan_metrics(loans: pd.DataFrame) -> pd.DataFrame:
    loans = loans.copy()
    loans["loan_days"] = (loans["returned_at"] - loans["borrowed_at"]).dt.days
    loans["returned_late"] = loans["returned_at"] > loans["due_date"]
    loans["month"] = loans["borrowed_at"].dt.to_period("M")
    return loans


def monthly_circulation(loans: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    merged = add_loan_metrics(loans).merge(
        members[["member_id", "tier"]], on="member_id", how="left", validate="many_to_one"
    )
    merged["tier"] = merged["tier"].fillna("UNKNOWN")
    report = merged.pivot_table(
        index="month",
        columns="tier",
        values=["loan_id", "loan_days", "returned_late"],
        aggfunc={"loan_id": "count", "loan_days": "mean", "returned_late": "mean"},
    )
    report = report.rename(columns={"loan_id": "loans", "loan_days": "avg_days", "returned_late": "late_ratio"})
    return report.round(2)


def write_report(report: pd.DataFrame, target: Path) -> None:
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        report.to_excel(writer, sheet_name="circulation")
        report.xs("late_ratio", axis=1, level=0).to_excel(writer, sheet_name="late returns")
