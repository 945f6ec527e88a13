"""The memory tests' measure: does running fn many times grow the process?

grows(fn, n) runs fn `warm` times first (pandas' and numpy's caches, the
allocator's pools), then n times, and returns the growth of the resident
set in MB and the RSS before.  BOUND_MB: a leak of the binding's C objects
over the loops these tests run grows the RSS by tens to hundreds of MB, while
allocator slack after the warm-up stays well under it (each test says why
its loop would exceed the bound if a free were missed)."""
import gc
import os

BOUND_MB = 8
N = 2000


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def grows(fn, n=N, warm=50):
    for _ in range(warm):
        fn()
    gc.collect()
    before = rss_mb()
    for _ in range(n):
        fn()
    gc.collect()
    return rss_mb() - before, before
