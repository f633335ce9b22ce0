"""Test guests report TAP through their console; a disconnected guest's
console lines reach the operator console as "USERID  : text".  relay()
passes such a guest's test points on as the test's own."""

import re


def relay(t, z, user, label=None, timeout=60, requests=None):
    """Wait for `user`'s plan, then each of its points in order, and report
    each as a point of ours named "label: text" (label defaults to the
    userid).  A line "# text" whose text is a key of requests runs that
    callback (a guest asking for input); other "# " lines are comments.
    Returns the number of points relayed."""
    label = label or user
    prefix = re.escape(f"{user:<8}: ")
    plan = z.wait_for(rf"{prefix}1\.\.(\d+)$", timeout)
    t.ok(plan, f"{label} starts and prints its plan")
    if not plan:
        return 0
    line = re.compile(rf"{prefix}(?:(ok|not ok) (\d+) - (.*)|# (.*))$")
    want, seen = int(plan.group(1)), 0
    while seen < want:
        m = z.wait_for(line.pattern, timeout)
        if not m:
            t.ok(False, f"{label} test point {seen + 1} arrives")
            return seen
        if m.group(1) is None:
            if requests and m.group(4) in requests:
                requests[m.group(4)]()
            continue
        seen += 1
        t.ok(m.group(1) == "ok" and int(m.group(2)) == seen, f"{label}: {m.group(3)}")
    return seen
