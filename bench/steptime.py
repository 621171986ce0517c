"""The timing loop shared by the Python side-by-side steps: warm up, then the median of repeated calls."""
import time

# The benchmark workloads: layer sizes, batch size m, softmax output (else sigmoid), as in StepBenchmark.
WORKLOADS = {
    "planar": ([2, 4, 1], 400, False),
    "cat": ([12288, 20, 7, 5, 1], 209, False),
    "mnist": ([784, 256, 128, 10], 256, True),
}


def dtype_and_names(args):
    """Splits `[--dtype float32|float64] [workload...]` into the dtype's name and the workloads (all by default)."""
    dtype = "float64"
    if args[:1] == ["--dtype"]:
        dtype = {"f32": "float32", "float32": "float32", "f64": "float64", "float64": "float64"}[args[1]]
        args = args[2:]
    return dtype, args or list(WORKLOADS)


def report(name, call, seconds=2.0):
    """Runs call() for `seconds` to warm up, then for `seconds` more, and prints the median µs per call."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        call()
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(times) < 5:
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"{name}: {times[len(times) // 2] * 1e6:.1f} µs per step (median of {len(times)})")
