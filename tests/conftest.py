"""Test configuration: hypothesis profiles and shared fixtures.

Profiles (select with HYPOTHESIS_PROFILE): ``ci`` (default, sized for CI's time budget),
``nightly`` (many more examples per entry), ``dev`` (quick); ``fuzz`` and ``fuzz_nightly``
for the fuzz suite (see below).
"""

import os

from hypothesis import HealthCheck, settings

# Examples per entry of each profile; ``derandomize`` where a run must be repeatable.
# tests/test_fuzz.py takes its settings from ``fuzz`` in CI (1,000 points per catalog entry,
# compiled vs reference) and ``fuzz_nightly`` when HYPOTHESIS_PROFILE=nightly.  Loading
# either as the session profile also works.
PROFILES = {
    "ci": dict(max_examples=30, derandomize=True),
    "nightly": dict(max_examples=2000),
    "dev": dict(max_examples=5, derandomize=True),
    "fuzz": dict(max_examples=1000, derandomize=True),
    "fuzz_nightly": dict(max_examples=10_000),
}
for _name, _options in PROFILES.items():
    _suppress = () if _name == "dev" else (HealthCheck.too_slow,)
    settings.register_profile(_name, deadline=None, suppress_health_check=_suppress, **_options)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
