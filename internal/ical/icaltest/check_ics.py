#!/usr/bin/python3
"""Parse iCalendar files with python3-icalendar, a parser Berceau does not
use itself, and check what RFC 5545 asks of Berceau's feeds.

Usage: check_ics.py FILE...  Prints, as JSON, {file: {uid: sequence}} and
exits 0; prints the problems and exits 1 when a file does not parse, has a
line not ended by CRLF or longer than 75 octets, names a TZID without its
VTIMEZONE, or has an event without UID, DTSTAMP or DTSTART.
"""
import json
import sys

import icalendar


def check(path):
    problems = []
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append("line %d: a bare LF or CR" % n)
        if len(line) > 75:
            problems.append("line %d: %d octets, more than 75" % (n, len(line)))
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # any parse error fails the check
        return None, problems + ["does not parse: %r" % e]
    zones, used, uids = set(), set(), {}
    for c in cal.walk():
        for err in getattr(c, "errors", []) or []:
            problems.append("%s: %s" % (c.name, err))
        if c.name == "VTIMEZONE":
            zones.add(str(c["TZID"]))
            try:
                c.to_tz()
            except Exception as e:
                problems.append("VTIMEZONE %s unusable: %r" % (c["TZID"], e))
        if c.name == "VEVENT":
            for prop in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "STATUS"):
                if prop not in c:
                    problems.append("VEVENT without %s" % prop)
            for prop in ("DTSTART", "DTEND"):
                if prop in c and "TZID" in c[prop].params:
                    used.add(str(c[prop].params["TZID"]))
            if "UID" in c:
                uids[str(c["UID"])] = int(c.get("SEQUENCE", 0))
                c.decoded("DTSTART")
    for tzid in sorted(used - zones):
        problems.append("TZID %s has no VTIMEZONE" % tzid)
    return uids, problems


def main():
    report, failed = {}, False
    for path in sys.argv[1:]:
        uids, problems = check(path)
        report[path] = uids
        for p in problems:
            failed = True
            print("%s: %s" % (path, p), file=sys.stderr)
    print(json.dumps(report))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
