"""Test configuration: hypothesis profiles and shared fixtures.

Profiles (select with HYPOTHESIS_PROFILE): ``ci`` (default, sized for CI's time budget),
``nightly`` (many more examples per entry), ``dev`` (quick); ``fuzz`` and ``fuzz_nightly``
for the fuzz suite (see below).
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=30, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "nightly", max_examples=2000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=5, deadline=None, derandomize=True)
# tests/test_fuzz.py takes its settings from these two explicitly: ``fuzz`` in CI
# (1,000 points per catalog entry, compiled vs reference), ``fuzz_nightly`` when
# HYPOTHESIS_PROFILE=nightly.  Loading either as the session profile also works.
settings.register_profile(
    "fuzz", max_examples=1000, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz_nightly", max_examples=10_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
