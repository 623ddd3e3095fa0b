"""A small thread-safe PostgreSQL connection pool.

We keep a bounded number of open psycopg2 connections and hand them out to
request handlers. Connections are health-checked before reuse so a database
restart does not poison the pool.
"""
import contextlib
import queue
import threading
import time

import psycopg2


class PoolExhaustedError(RuntimeError):
    """Raised when no connection becomes free before the acquire timeout."""


class ConnectionPool:
    def __init__(self, dsn: str, min_size: int = 2, max_size: int = 10, acquire_timeout: float = 5.0):
        if min_size > max_size:
            raise ValueError("min_size must not exceed max_size")
        self._dsn = dsn
        self._max_size = max_size
        self._acquire_timeout = acquire_timeout
        self._idle: "queue.LifoQueue[psycopg2.extensions.connection]" = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        for _ in range(min_size):
            self._idle.put(self._open())

    def _open(self):
        with self._lock:
            self._opened += 1
        return psycopg2.connect(self._dsn, connect_timeout=3)

    def _is_alive(self, conn) -> bool:
        if conn.closed:
            return False
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT 1")
            return True
        except psycopg2.Error:
            return False

    def acquire(self):
        deadline = time.monotonic() + self._acquire_timeout
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    can_open = self._opened < self._max_size
                if can_open:
                    return self._open()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PoolExhaustedError(f"no connection free after {self._acquire_timeout}s")
                try:
                    conn = self._idle.get(timeout=remaining)
                except queue.Empty:
                    continue
            if self._is_alive(conn):
                return conn
            with self._lock:
                self._opened -= 1

    def release(self, conn) -> None:
        if conn.closed:
            with self._lock:
                self._opened -= 1
            return
        conn.rollback()
        self._idle.put(conn)

    @contextlib.contextmanager
    def connection(self):
        """Usage: ``with pool.connection() as conn: ...``"""
        conn = self.acquire()
        try:
            yield conn
            conn.commit()
        finally:
            self.release(conn)

    def close_all(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().close()
