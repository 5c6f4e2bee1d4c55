# checklib.py: what the validator test scripts share: collecting failed
# checks, and the rule for a missing tool (skip with 77, fail when CI=true).
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import sys

SKIP = 77
failures = []


def check(condition, message):
    """Records a failed check and carries on, so one run reports them all."""
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    return condition


def finish():
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")
    sys.exit(0)


def in_ci():
    return os.environ.get("CI") == "true"


def missing_tool(what):
    """A validator is not installed: CI must run it, so fail there; skip
    elsewhere so a developer without it can still run the rest."""
    print(f"{what} is not available")
    sys.exit(1 if in_ci() else SKIP)
