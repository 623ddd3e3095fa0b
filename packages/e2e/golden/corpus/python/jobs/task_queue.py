"""An asyncio background job queue with a fixed pool of workers.

Jobs are coroutines. Failed jobs are retried up to ``max_attempts`` times and then
moved to a dead-letter list for inspection. ``shutdown()`` drains the queue
gracefully: workers finish what they hold, then stop.
"""
import asyncio
import logging
from dataclasses import dataclass, field
from typing import Awaitable, Callable, List

log = logging.getLogger("jobs")

JobFn = Callable[[], Awaitable[None]]


@dataclass
class Job:
    name: str
    fn: JobFn
    attempts: int = 0
    errors: List[str] = field(default_factory=list)


class JobQueue:
    def __init__(self, workers: int = 4, max_attempts: int = 3, maxsize: int = 1000):
        self._queue: "asyncio.Queue[Job]" = asyncio.Queue(maxsize=maxsize)
        self._workers_count = workers
        self._max_attempts = max_attempts
        self._tasks: List[asyncio.Task] = []
        self.dead_letter: List[Job] = []

    def start(self) -> None:
        for index in range(self._workers_count):
            self._tasks.append(asyncio.create_task(self._worker(index), name=f"job-worker-{index}"))

    async def enqueue(self, name: str, fn: JobFn) -> None:
        await self._queue.put(Job(name, fn))

    async def _worker(self, index: int) -> None:
        while True:
            job = await self._queue.get()
            try:
                job.attempts += 1
                await job.fn()
                log.info("worker %d finished %s", index, job.name)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any job failure is retried
                job.errors.append(repr(exc))
                if job.attempts < self._max_attempts:
                    await asyncio.sleep(0.1 * 2 ** job.attempts)
                    await self._queue.put(job)
                else:
                    log.error("job %s failed %d times, dead-lettered", job.name, job.attempts)
                    self.dead_letter.append(job)
            finally:
                self._queue.task_done()

    async def shutdown(self) -> None:
        await self._queue.join()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
