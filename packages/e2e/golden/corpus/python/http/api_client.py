"""HTTP client for the partner inventory API.

Transient failures (timeouts, connection resets, 429 and 5xx responses) are
retried with exponential backoff and full jitter. Client errors (4xx other than
429) are raised immediately because retrying them cannot help.
"""
import random
import time
from typing import Any, Dict, Optional

import requests

RETRYABLE_STATUS = {429, 500, 502, 503, 504}


class InventoryApiError(Exception):
    def __init__(self, status: int, body: str):
        super().__init__(f"inventory API returned {status}: {body[:200]}")
        self.status = status
        self.body = body


class InventoryClient:
    def __init__(self, base_url: str, api_key: str, max_retries: int = 4,
                 base_delay: float = 0.5, max_delay: float = 8.0, timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.max_retries = max_retries
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {api_key}", "Accept": "application/json"})

    def _backoff(self, attempt: int, retry_after: Optional[str]) -> float:
        if retry_after and retry_after.isdigit():
            return min(float(retry_after), self.max_delay)
        exp = min(self.max_delay, self.base_delay * (2 ** attempt))
        return random.uniform(0, exp)  # full jitter

    def request(self, method: str, path: str, **kwargs: Any) -> Dict[str, Any]:
        url = f"{self.base_url}/{path.lstrip('/')}"
        last_error: Optional[Exception] = None
        for attempt in range(self.max_retries + 1):
            try:
                resp = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last_error = exc
                if attempt == self.max_retries:
                    break
                time.sleep(self._backoff(attempt, None))
                continue
            if resp.status_code in RETRYABLE_STATUS and attempt < self.max_retries:
                time.sleep(self._backoff(attempt, resp.headers.get("Retry-After")))
                continue
            if resp.status_code >= 400:
                raise InventoryApiError(resp.status_code, resp.text)
            return resp.json()
        raise ConnectionError(f"{method} {url} failed after {self.max_retries + 1} attempts") from last_error

    def get_stock(self, sku: str) -> int:
        return int(self.request("GET", f"/v2/stock/{sku}")["available"])

    def reserve(self, sku: str, quantity: int) -> str:
        body = self.request("POST", "/v2/reservations", json={"sku": sku, "quantity": quantity})
        return body["reservation_id"]
