#!/usr/bin/env python3
"""Writes a JSON array of Okta System Log sign-in events of about --bytes bytes, for make bench
(streaming JSON import: memory must stay flat on a multi-GB array). Pretty-printed like an API
export, with escapes and non-ASCII text in user agents so the scanner's string handling is exercised.
Deterministic: the same size gives the same file."""
import argparse
import sys

p = argparse.ArgumentParser()
p.add_argument("--bytes", type=int, required=True)
p.add_argument("--out", required=True)
p.add_argument("--accounts", type=int, default=2000)
a = p.parse_args()

countries = ["United Kingdom", "Germany", "United States", "France", "Japan", "Brazil"]
template = (
    '  {\n'
    '    "uuid": "%08x-0000-4000-8000-%012x",\n'
    '    "published": "2026-%02d-%02dT%02d:%02d:%02d.000Z",\n'
    '    "eventType": "%s",\n'
    '    "displayMessage": "User login to Okta \\"%s\\" \\u00e9t\u00e9",\n'
    '    "actor": {"id": "00u%06d", "type": "User", "alternateId": "user%d@contractor.example", "displayName": "User %d"},\n'
    '    "client": {"userAgent": {"rawUserAgent": "Mozilla/5.0 (X11; Linux x86_64) [{\\"x\\"}] Chrome/121.0", "os": "Linux", "browser": "CHROME"},\n'
    '               "ipAddress": "81.2.%d.%d", "geographicalContext": {"city": "Caf\u00e9 %d", "country": "%s"}},\n'
    '    "outcome": {"result": "%s", "reason": null},\n'
    '    "authenticationContext": {"externalSessionId": "102%010d"},\n'
    '    "securityContext": {"asNumber": 64496, "isProxy": false},\n'
    '    "debugContext": {"debugData": {"requestUri": "/idp/idx/identify", "threatSuspected": "false"}}\n'
    '  }')
with open(a.out, "w", encoding="utf-8") as out:
    out.write("[\n")
    written, i = 2, 0
    chunk = []
    while written < a.bytes:
        n = i % a.accounts
        ev = template % (i, i, 1 + i // 2_000_000 % 12, 1 + i // 60_000 % 28, i // 2500 % 24, i // 60 % 60, i % 60,
                         "user.session.start" if i % 7 else "user.account.update_password", n, n, n, n,
                         n % 250, i % 200, n % 50, countries[n % len(countries)],
                         "SUCCESS" if i % 11 else "FAILURE", i)
        if i:
            ev = ",\n" + ev
        chunk.append(ev)
        written += len(ev.encode("utf-8"))
        i += 1
        if len(chunk) == 2000:
            out.write("".join(chunk)); chunk = []
    out.write("".join(chunk))
    out.write("\n]\n")
print(f"{i} events, {written} bytes", file=sys.stderr)
