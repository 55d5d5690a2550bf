"""A small benchmark runner for noisy shared machines.

Each benchmark pairs a subject with a baseline doing the smallest comparable
work. They run interleaved, round after round, so that a slow spell on the
machine hits both alike; the result is the ratio of their medians.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Benchmark:
    name: str
    subject: Callable[[], object]
    baseline: Callable[[], object]
    baseline_name: str
    # Fewer, for a benchmark whose single call takes seconds.
    rounds: int = 15
    number: int = 20


REGISTRY: list[Benchmark] = []


def benchmark(
    name: str,
    *,
    baseline: Callable[[], object],
    baseline_name: str,
    rounds: int = 15,
    number: int = 20,
):
    """Register the decorated function as the subject of a benchmark."""

    def register(subject: Callable[[], object]) -> Callable[[], object]:
        REGISTRY.append(Benchmark(name, subject, baseline, baseline_name, rounds, number))
        return subject

    return register


def _time(fn: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def measure(bench: Benchmark) -> tuple[float, float]:
    """Median seconds per call of subject and baseline, measured in alternation."""
    bench.subject(), bench.baseline()  # warm caches and connections
    subject, baseline = [], []
    for _ in range(bench.rounds):
        subject.append(_time(bench.subject, bench.number))
        baseline.append(_time(bench.baseline, bench.number))
    return statistics.median(subject), statistics.median(baseline)


def run(benchmarks: list[Benchmark]) -> None:
    width = max((len(b.name) for b in benchmarks), default=10)
    print(f"{'benchmark':<{width}}  ratio  (subject / baseline, medians of interleaved rounds)")
    for bench in benchmarks:
        subject, baseline = measure(bench)
        print(
            f"{bench.name:<{width}}  {subject / baseline:5.2f}x  "
            f"({subject * 1e3:.2f} ms / {baseline * 1e3:.2f} ms {bench.baseline_name})"
        )
