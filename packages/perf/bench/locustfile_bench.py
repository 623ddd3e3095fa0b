# Locust side of the load-generator benchmark (bench/run-bench.mjs): GET / on the trivial server.
# BENCH_USER=fast|http picks FastHttpUser or HttpUser; BENCH_RATE is each user's requests/s.
import os

import locust.runners

if not getattr(locust.runners, "__version__", ""):
    locust.runners.__version__ = "2.12.1"

from locust import FastHttpUser, HttpUser, constant_throughput, task

RATE = float(os.environ.get("BENCH_RATE", "50"))
KIND = os.environ.get("BENCH_USER", "fast")


class FastUser(FastHttpUser):
    abstract = KIND != "fast"
    wait_time = constant_throughput(RATE)

    @task
    def health(self):
        self.client.get("/health", name="health")


class PlainUser(HttpUser):
    abstract = KIND != "http"
    wait_time = constant_throughput(RATE)

    @task
    def health(self):
        self.client.get("/health", name="health")
