"""What machine the numbers come from: CPU model, core count, cache sizes, library versions.

Recorded into the benchmark JSON by ``conftest.py`` (hardware in ``machine_info``, versions
with the run) and read back by ``report.py``.
"""

import os
import platform
from importlib import metadata
from pathlib import Path


def cpu_model() -> str:
    """The CPU's marketing name, from /proc/cpuinfo, else py-cpuinfo, else ``platform``."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    try:
        import cpuinfo

        return cpuinfo.get_cpu_info().get("brand_raw") or platform.processor()
    except Exception:  # py-cpuinfo is optional; any failure falls back
        return platform.processor() or platform.machine()


def core_count() -> int:
    """Logical CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def cache_sizes() -> dict[str, int]:
    """Data/unified cache sizes in bytes by level name (``"L1d"``, ``"L2"``, ``"L3"``), Linux only.

    Under a hypervisor these are what the host reports, not necessarily what the guest gets.
    """
    sizes = {}
    root = Path("/sys/devices/system/cpu/cpu0/cache")
    for index in sorted(root.glob("index*")):
        try:
            kind = (index / "type").read_text().strip()
            level = (index / "level").read_text().strip()
            size = (index / "size").read_text().strip()
        except OSError:
            continue
        if kind == "Instruction":
            continue
        scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(size[-1], 1)
        number = int(size.rstrip("KMG"))
        sizes[f"L{level}{'d' if kind == 'Data' else ''}"] = number * scale
    return sizes


def versions() -> dict[str, str]:
    """Versions of the libraries the suite compares."""
    found = {}
    for name in ("gradspec", "numpy", "numba", "llvmlite", "jax", "jaxlib", "pytest-benchmark"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def hardware() -> dict:
    """CPU model, cores, caches and Numba's thread count, JSON-ready."""
    return {
        "cpu_model": cpu_model(),
        "cores": core_count(),
        "caches": cache_sizes(),
        "numba_threads": _numba_threads(),
    }


def _numba_threads() -> int:
    """Numba's thread pool size (NUMBA_NUM_THREADS)."""
    import numba

    return int(numba.config.NUMBA_NUM_THREADS)
