#!/usr/bin/env python3
# check-commonmark.py: the 652 examples of the CommonMark 0.30 spec through
# prensa -f commonmark -t html -O fragment.
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Each example's Markdown goes to prensa on standard input; the body of
the fragment (less the wrapper and heading ids) and the spec's HTML are
compared after the spec's own normalisation. Prints "N/652 passed" and
fails when an example outside DEVIATIONS fails, or when one inside it
passes (the list must not outlive its reason).

Usage: check-commonmark.py [EXAMPLE…]   (only those, with their diffs)"""
import sys

import speclib

# Examples prensa renders otherwise on purpose, with the reason. Keep it
# short: a difference that is not a policy is a bug to fix.
DEVIATIONS = {
}


def main(argv):
    examples = speclib.commonmark_examples()
    if len(examples) != 652:
        print(f"FAIL: spec.txt has {len(examples)} examples, not 652: wrong version?")
        return 1
    wanted = {int(a) for a in argv}
    passed = exact = 0
    unexpected = []
    deviating = []
    for ex in examples:
        if wanted and ex["example"] not in wanted:
            continue
        status, out, err = speclib.convert(ex["markdown"], "commonmark")
        got = speclib.normalize(speclib.body(out)) if status == 0 else None
        # the writer means to match cmark byte for byte: say how far it does
        exact += status == 0 and speclib.body(out) == ex["html"]
        want = speclib.normalize(ex["html"])
        number = ex["example"]
        if got == want:
            passed += 1
            if number in DEVIATIONS:
                unexpected.append(number)
                print(f"FAIL: example {number} passes but is listed as a deviation")
            continue
        if number in DEVIATIONS:
            deviating.append(number)
            continue
        unexpected.append(number)
        print(f"FAIL: example {number} ({ex['section']}, spec.txt line {ex['line']})"
              + ("" if status == 0 else f": prensa exited {status}: {err.strip()}"))
        print("  markdown: " + repr(ex["markdown"]))
        print("  expected: " + repr(want))
        print("  prensa:   " + repr(got))
    total = len(wanted) if wanted else len(examples)
    print(f"{passed}/{total} passed")
    print(f"({exact}/{total} byte for byte as the spec writes them, before normalising)")
    if deviating:
        print(f"{len(deviating)} deliberate deviation(s):")
        for number in deviating:
            print(f"  example {number}: {DEVIATIONS[number]}")
    if unexpected:
        print(f"{len(unexpected)} unexpected result(s): {', '.join(map(str, unexpected))}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
