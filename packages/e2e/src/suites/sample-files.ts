/** Source files the workflow suites index. Each run puts them under its own path (`e2e/<runId>/…`). */

/** A small data-loading module built on pandas (the seed's "CSV 파일을 읽는 함수" scenario). */
export const PANDAS_CSV_LOADER = `"""Load tabular data from CSV files into pandas DataFrames."""
import pandas as pd


def load_csv_as_dataframe(path, separator=","):
    """Read a CSV file with pandas.read_csv and return the DataFrame."""
    frame = pd.read_csv(path, sep=separator)
    return frame.dropna(how="all")


def summarize_dataframe(frame):
    """Return row and column counts of a pandas DataFrame."""
    return {"rows": len(frame.index), "columns": list(frame.columns)}
`;

/** A file holding a fact that exists nowhere else, to prove generation uses retrieved context. */
export function uniqueFactFile(token: string): { name: string; content: string; identifier: string } {
  const identifier = `compute_${token}_shipping_surcharge`;
  return {
    name: `surcharge_${token}.py`,
    identifier,
    content: `"""Shipping surcharges for the ${token} warehouse."""


def ${identifier}(weight_kg):
    """Return the ${token} warehouse surcharge: 7 per started 3 kg."""
    started_blocks = int((weight_kg + 2.999) // 3)
    return 7 * started_blocks
`,
  };
}
