#!/usr/bin/env python3
"""A field population for checking Vetdesk's ranking and rings on people who look like real life.

Written apart from `vetdesk generate` and without reading the rules' thresholds: it describes the
contractors a European security team actually sees (households, couples with one bank account,
privacy-VPN users on shared exits, mobile carrier NAT, coworking members, travellers, consultancy
staff behind a corporate proxy, people who just moved, people paid through Wise/Revolut) and a few
facilitator-run rings whose members do NOT each carry every signal. IPs come from the real networks of
the named operators (looked up in this machine's libloc database), so geo and ASN answers are real.

Output (in --out): candidates.csv and payments.csv in Vetdesk's documented columns (only columns an
ATS/AP export really has: no pre-labelled conclusions), sign-ins as Okta System Log NDJSON, endpoint.csv,
and truth.tsv (candidate_id, label, group; fraud rows carry their ring name as group).

Usage: generate.py --out DIR [--seed N] [--people N]
"""
import argparse
import datetime as dt
import json
import os
import random
import subprocess
import uuid

# Real operators' networks (RIPE/ARIN ASNs). Residential ISPs rotate addresses (German DSL changes
# the address daily), so a person's home IP is drawn from a pool, and strangers may meet on one.
ISP = {
    "DE": {"home": [3320, 3209], "mobile": [6805]},
    "FR": {"home": [3215, 12322], "mobile": [51207]},
    "NL": {"home": [1136, 33915], "mobile": [33915]},
    "PL": {"home": [5617], "mobile": [39603]},
    "ES": {"home": [3352], "mobile": [12430]},
    "IT": {"home": [3269], "mobile": [30722]},
    "GB": {"home": [2856, 5089], "mobile": [25135]},
    "PT": {"home": [3243], "mobile": [3243]},
    "RO": {"home": [8708], "mobile": [8708]},
}
CITIES = {
    "DE": [("Berlin", "10115"), ("Hamburg", "20095"), ("München", "80331"), ("Köln", "50667"), ("Leipzig", "04109")],
    "FR": [("Paris", "75011"), ("Lyon", "69003"), ("Nantes", "44000"), ("Toulouse", "31000")],
    "NL": [("Amsterdam", "1012"), ("Rotterdam", "3011"), ("Utrecht", "3511")],
    "PL": [("Warszawa", "00-001"), ("Kraków", "30-001"), ("Wrocław", "50-001")],
    "ES": [("Madrid", "28001"), ("Barcelona", "08001"), ("Valencia", "46001")],
    "IT": [("Milano", "20121"), ("Roma", "00184"), ("Torino", "10121")],
    "GB": [("London", "E1 6AN"), ("Manchester", "M1 1AE"), ("Bristol", "BS1 4DJ")],
    "PT": [("Lisboa", "1100-148"), ("Porto", "4000-322")],
    "RO": [("București", "010011"), ("Cluj-Napoca", "400001")],
}
TZ = {"DE": 1, "FR": 1, "NL": 1, "PL": 1, "ES": 1, "IT": 1, "GB": 0, "PT": 0, "RO": 2}
LOCALE = {"DE": "de-DE", "FR": "fr-FR", "NL": "nl-NL", "PL": "pl-PL", "ES": "es-ES", "IT": "it-IT",
          "GB": "en-GB", "PT": "pt-PT", "RO": "ro-RO"}
COUNTRY_NAME = {"DE": "Germany", "FR": "France", "NL": "Netherlands", "PL": "Poland", "ES": "Spain",
                "IT": "Italy", "GB": "United Kingdom", "PT": "Portugal", "RO": "Romania", "US": "United States",
                "SE": "Sweden", "CH": "Switzerland", "KP": "North Korea", "CN": "China", "BE": "Belgium",
                "LT": "Lithuania", "AT": "Austria", "JP": "Japan", "TH": "Thailand", "GR": "Greece"}
STREET = {
    "DE": ["Hauptstraße", "Bahnhofstraße", "Gartenstraße", "Schillerstraße", "Lindenstraße", "Goethestraße"],
    "FR": ["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Voltaire"],
    "NL": ["Kerkstraat", "Molenweg", "Dorpsstraat", "Prinsengracht"],
    "PL": ["ul. Mickiewicza", "ul. Słowackiego", "ul. Kościuszki", "ul. Długa"],
    "ES": ["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución"],
    "IT": ["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II"],
    "GB": ["High Street", "Station Road", "Church Lane", "Victoria Road"],
    "PT": ["Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina"],
    "RO": ["Strada Victoriei", "Bulevardul Unirii", "Strada Lipscani"],
}
FIRST = {
    "DE": ["Jonas", "Lena", "Felix", "Anna", "Lukas", "Laura", "Tim", "Julia", "Paul", "Marie", "Jan", "Sophie"],
    "FR": ["Louis", "Camille", "Hugo", "Léa", "Arthur", "Chloé", "Jules", "Manon", "Lucas", "Inès"],
    "NL": ["Daan", "Emma", "Sem", "Julia", "Lucas", "Mila", "Levi", "Tess", "Finn", "Sara"],
    "PL": ["Jakub", "Zuzanna", "Kacper", "Julia", "Szymon", "Maja", "Filip", "Hanna", "Michał", "Ola"],
    "ES": ["Hugo", "Lucía", "Martín", "Sofía", "Pablo", "Martina", "Daniel", "Paula", "Álvaro", "Elena"],
    "IT": ["Leonardo", "Sofia", "Francesco", "Giulia", "Alessandro", "Aurora", "Lorenzo", "Ginevra"],
    "GB": ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Grace"],
    "PT": ["João", "Maria", "Rodrigo", "Leonor", "Martim", "Matilde", "Tomás", "Beatriz"],
    "RO": ["Andrei", "Ioana", "Alexandru", "Maria", "Mihai", "Elena", "Stefan", "Ana"],
}
LAST = {
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch"],
    "FR": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"],
    "NL": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit"],
    "PL": ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński"],
    "ES": ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez"],
    "IT": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"],
    "GB": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans"],
    "PT": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins"],
    "RO": ["Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica"],
}
# Streets named after people, the commonest street names in each country.
STREET_PATTERN = {"DE": "{}straße", "FR": "rue {}", "NL": "{}straat", "PL": "ul. {}", "ES": "Calle de {}",
                  "IT": "Via {}", "GB": "{} Road", "PT": "Rua {}", "RO": "Strada {}"}
STREET_FROM_NAME = {cc: [STREET_PATTERN[cc].format(n) for n in LAST[cc]] for cc in STREET_PATTERN}
BANK = {"DE": ("DE", 18, "COBADEFFXXX", "Commerzbank"), "FR": ("FR", 23, "BNPAFRPPXXX", "BNP Paribas"),
        "NL": ("NL", 14, "INGBNL2AXXX", "ING"), "PL": ("PL", 24, "BPKOPLPWXXX", "PKO BP"),
        "ES": ("ES", 20, "CAIXESBBXXX", "CaixaBank"), "IT": ("IT", 23, "UNCRITMMXXX", "UniCredit"),
        "GB": ("GB", 18, "BARCGB22XXX", "Barclays"), "PT": ("PT", 21, "CGDIPTPLXXX", "Caixa Geral"),
        "RO": ("RO", 20, "BTRLRO22XXX", "Banca Transilvania"),
        "BE": ("BE", 12, "TRWIBEB1XXX", "Wise Europe"), "LT": ("LT", 16, "REVOLT21XXX", "Revolut Bank")}
ROLES = [("Backend developer", 70), ("Frontend developer", 65), ("Mobile developer", 70), ("DevOps engineer", 80),
         ("Data engineer", 75), ("QA engineer", 50), ("Blockchain developer", 90), ("ML engineer", 85)]
START = dt.datetime(2025, 12, 1, tzinfo=dt.timezone.utc)
DAYS = 90


class Nets:
    """Picks real addresses from an ASN's networks; with a country, only from networks libloc places
    there (the intersection of libloc's per-AS and per-country network lists, so no lookups)."""

    def __init__(self, rng):
        self.rng = rng
        self.by_as = {}
        self.by_cc = {}
        self.reservoir = {}

    def _list(self, args):
        out = subprocess.run(["location", *args], capture_output=True, text=True).stdout
        return [n for n in out.split() if "." in n and "/" in n]

    def networks(self, asn, country=None):
        if asn not in self.by_as:
            self.by_as[asn] = self._list(["list-networks-by-as", str(asn)])
        nets = self.by_as[asn]
        if country:
            if country not in self.by_cc:
                self.by_cc[country] = set(self._list(["list-networks-by-cc", country]))
            nets = [n for n in nets if n in self.by_cc[country]] or nets
        if not nets:
            raise SystemExit(f"libloc has no IPv4 networks for AS{asn}")
        return nets

    def pool(self, asn, size, country=None):
        """`size` addresses of the AS (in `country` per libloc, when given). Drawn from a reservoir of
        addresses that libloc itself places in that AS and country: a random host of a large network
        can fall in a more specific one that libloc assigns to another AS or country."""
        key = (asn, country)
        if key not in self.reservoir:
            nets = self.networks(asn, country)
            drawn = []
            # Residential ISPs hold millions of addresses: a large reservoir keeps strangers from meeting on
            # one home IP more often than they do in life (a smaller one made 1 in 100 share a "main line").
            for _ in range(12000 if country else 1500):
                base, bits = self.rng.choice(nets).split("/")
                a = [int(x) for x in base.split(".")]
                host = self.rng.randrange(1, max(2, 2 ** (32 - int(bits)) - 1))
                n = (a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3]) + host
                drawn.append(f"{n >> 24 & 255}.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}")
            answers = lookup(drawn)
            keep = [ip for ip in drawn if answers[ip][1] == asn and (country is None or answers[ip][0] == country)]
            if not keep:
                raise SystemExit(f"no address of AS{asn} in {country} per libloc")
            self.reservoir[key] = keep
        return [self.rng.choice(self.reservoir[key]) for _ in range(size)]


COUNTRY_CACHE = {}


def lookup(ips):
    """libloc's (country, asn) for each address, one `location lookup` call per 2000 addresses."""
    answers = {}
    inverse = {v: k for k, v in COUNTRY_NAME.items()}
    for i in range(0, len(ips), 2000):
        out = subprocess.run(["location", "lookup", *ips[i:i + 2000]], capture_output=True, text=True).stdout
        current = None
        for line in out.splitlines():
            if line and not line.startswith(" ") and line.endswith(":"):
                current = line[:-1]
                answers[current] = [None, None]
            elif current and line.strip().startswith("Country"):
                name = line.split(":", 1)[1].strip()
                answers[current][0] = inverse.get(name, name)
            elif current and line.strip().startswith("Autonomous System"):
                asn = line.split(":", 1)[1].strip().split(" ")[0]
                answers[current][1] = int(asn[2:]) if asn.startswith("AS") and asn[2:].isdigit() else None
    # libloc's long forms of names this file shortens.
    for ip in answers:
        long_forms = {"United Kingdom of Great Britain and Northern Ireland": "GB", "United States of America": "US",
                      "Korea, Democratic People's Republic of": "KP", "Netherlands (Kingdom of the)": "NL"}
        answers[ip][0] = long_forms.get(answers[ip][0], answers[ip][0])
    for ip, (cc, _) in answers.items():
        COUNTRY_CACHE[ip] = cc
    return {ip: tuple(answers.get(ip, (None, None))) for ip in ips}


def iban(rng, cc):
    code, length, bic, bank = BANK[cc]
    digits = "".join(str(rng.randrange(10)) for _ in range(length))
    if cc == "GB":
        digits = "BARC" + digits[4:]
    elif cc == "NL":
        digits = "INGB" + digits[4:]
    elif cc == "PT" or cc == "RO":
        digits = ("BTRL" if cc == "RO" else "0035") + digits[4:]
    rearranged = digits + code + "00"
    num = "".join(str(int(ch, 36)) for ch in rearranged)
    check = 98 - int(num) % 97
    return f"{code}{check:02d}{digits}", bic, bank


def ascii_fold(s):
    import unicodedata
    s = s.lower().replace("ß", "ss").replace("ł", "l").replace("ø", "o")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if ch.isascii() and ch.isalnum())


class World:
    def __init__(self, seed, people):
        self.rng = random.Random(seed)
        self.nets = Nets(self.rng)
        self.people = []
        self.payments = []
        self.events = []
        self.endpoint = []
        self.n = 0
        self.target = people
        self.pools = {}

    def pool(self, key, asn, size, country):
        if key not in self.pools:
            self.pools[key] = self.nets.pool(asn, size, country)
        return self.pools[key]

    # -- people -------------------------------------------------------------------------------------
    def person(self, cc=None, group="plain", label="benign", **over):
        rng = self.rng
        self.n += 1
        cc = cc or rng.choice(list(ISP))
        city, postcode = rng.choice(CITIES[cc])
        first, last = rng.choice(FIRST[cc]), rng.choice(LAST[cc])
        street = f"{rng.choice(STREET[cc] + STREET_FROM_NAME[cc])} {rng.randrange(1, 260)}"
        address = f"{street}, {postcode} {city}"
        role, rate = rng.choice(ROLES)
        mail_domain = {"DE": ["gmx.de", "web.de", "gmail.com", "t-online.de"], "FR": ["gmail.com", "orange.fr", "free.fr"],
                       "GB": ["gmail.com", "outlook.com", "btinternet.com"]}.get(cc, ["gmail.com", "outlook.com"])
        # A mailbox belongs to one person: the number makes it unique, as providers do.
        email = f"{ascii_fold(first)}.{ascii_fold(last)}{self.n}@{rng.choice(mail_domain + ['proton.me'])}"
        hired = START - dt.timedelta(days=rng.randrange(20, 400))
        p = dict(candidate_id=f"F-{self.n:05d}", full_name=f"{first} {last}", first=first, last=last, email=email,
                 phone=f"+{rng.choice(['49', '33', '31', '48', '34', '39', '44', '351', '40'])}{rng.randrange(10**9, 10**10)}",
                 declared_country=cc, city=city, address=address, ship_to_address=address, ship_to_country=cc,
                 platform=rng.choice(["direct", "linkedin", "agency", "upwork", "malt"]), role=role,
                 rate_hourly=max(25, int(rate * rng.uniform(0.8, 1.25))), rate_currency="EUR" if cc != "GB" else "GBP",
                 referrer_id="", applied_at=(hired - dt.timedelta(days=rng.randrange(10, 45))),
                 hired_at=hired, github_username=f"{ascii_fold(first)}{ascii_fold(last)[:4]}{rng.randrange(10, 99)}" if rng.random() < 0.5 else "",
                 locale=LOCALE[cc], group=group, label=label, tz=TZ[cc],
                 work_account=f"{ascii_fold(first)}.{ascii_fold(last)}.{self.n}@contractors.acme.example",
                 device=f"dev-{uuid.UUID(int=rng.getrandbits(128)).hex[:16]}", managed=rng.random() < 0.7)
        p.update(over)
        p["home_pool"] = self.home_pool(p)
        p["mobile_pool"] = self.pool(("mobile", p["declared_country"]), ISP[p["declared_country"]]["mobile"][0], 24,
                                     p["declared_country"])
        self.people.append(p)
        return p

    def home_pool(self, p):
        """A residential line: a few addresses over 90 days (DSL/cable reassignment)."""
        cc = p["declared_country"]
        asn = self.rng.choice(ISP[cc]["home"])
        return self.nets.pool(asn, self.rng.choice([1, 2, 4, 8]), cc)

    def pay(self, p, account=None, holder=None, monthly=True, bank_cc=None):
        cc = bank_cc or p["declared_country"]
        if account is None:
            account = iban(self.rng, cc)
        ib, bic, bank = account
        for month in range(3):
            paid = START + dt.timedelta(days=30 * month + 27)
            self.payments.append(dict(record_id=f"AP-{p['candidate_id']}-{month}", source="ap-ledger",
                                      paid_at=iso(paid), contractor_id=p["candidate_id"], payee_name=p["full_name"],
                                      account_holder_name=holder or p["full_name"], account_type="iban",
                                      account_identifier="", iban=ib, bic=bic, bank_name=bank, bank_country=ib[:2],
                                      amount=f"{p['rate_hourly'] * 160:.2f}", currency=p["rate_currency"], method="bank"))
        return account

    # -- sign-ins -----------------------------------------------------------------------------------
    def workdays(self, p, per_day=(1, 4), skip=0.08):
        for d in range(DAYS):
            day = START + dt.timedelta(days=d)
            if day.weekday() >= 5 and self.rng.random() > 0.1:
                continue
            if self.rng.random() < skip:
                continue
            for _ in range(self.rng.randint(*per_day)):
                local_hour = self.rng.gauss(11.5, 2.6)
                local_hour = min(20.5, max(7.0, local_hour))
                yield day + dt.timedelta(hours=local_hour - p["tz"], minutes=self.rng.randrange(60))

    def login(self, p, at, ip, country=None, city=None, device=None, managed=None, account=None):
        cc = country or COUNTRY_CACHE.get(ip) or ""
        self.events.append({
            "uuid": str(uuid.UUID(int=self.rng.getrandbits(128))), "published": iso(at, ms=True),
            "eventType": "user.session.start", "version": "0", "severity": "INFO",
            "displayMessage": "User login to Okta",
            "actor": {"id": "00u" + p["candidate_id"].replace("-", "").lower(), "type": "User",
                      "alternateId": account or p["work_account"], "displayName": p["full_name"]},
            "client": {"userAgent": {"rawUserAgent": p.get("ua", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")},
                       "zone": "null", "device": "Computer", "ipAddress": ip,
                       "geographicalContext": {"city": city, "country": COUNTRY_NAME.get(cc, cc) if cc else None}},
            "device": ({"id": device or p["device"], "managed": p["managed"] if managed is None else managed}
                       if (device or p.get("device")) else None),
            "authenticationContext": {"externalSessionId": "102" + uuid.UUID(int=self.rng.getrandbits(128)).hex[:20]},
            "outcome": {"result": "SUCCESS", "reason": None},
            "transaction": {"type": "WEB", "id": uuid.UUID(int=self.rng.getrandbits(128)).hex[:12]},
        })

    def ordinary_logins(self, p, mobile_share=0.15, home=None):
        home = home or p["home_pool"]
        for at in self.workdays(p):
            if self.rng.random() < mobile_share:
                self.login(p, at, self.rng.choice(p["mobile_pool"]), city=None)
            else:
                idx = min(len(home) - 1, (at - START).days * len(home) // DAYS)
                self.login(p, at, home[idx], city=p["city"])


def iso(t, ms=False):
    if ms:
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def variant_address(rng, address):
    """How a second person in the same flat writes the same address."""
    v = address
    for long, short in [("straße", "str."), ("Straße", "Str."), ("Street", "St"), ("Road", "Rd"), ("rue", "Rue"),
                        ("ul. ", "ulica "), ("Calle ", "C/ "), ("Via ", "V. ")]:
        if long in v and rng.random() < 0.7:
            v = v.replace(long, short)
            break
    if rng.random() < 0.4:
        v = v.replace(",", "")
    if rng.random() < 0.3:
        v = v.lower()
    if rng.random() < 0.3:
        v = v.replace(" 1", " 1 ") .replace("  ", " ")
    return v


def build(seed, people):
    w = World(seed, people)
    rng = w.rng

    # --- benign groups, each with one innocent trait ---------------------------------------------
    def plain(n):
        for _ in range(n):
            p = w.person()
            w.pay(p)
            w.ordinary_logins(p)

    def households(n):
        for _ in range(n):
            a = w.person(group="household")
            size = rng.choice([2, 2, 2, 3])
            members = [a]
            for _ in range(size - 1):
                b = w.person(cc=a["declared_country"], group="household", city=a["city"],
                             address=variant_address(rng, a["address"]))
                b["ship_to_address"] = b["address"]
                b["home_pool"] = a["home_pool"]
                members.append(b)
            for m in members:
                w.pay(m)
                w.ordinary_logins(m)

    def couples_one_account(n):
        for _ in range(n):
            a = w.person(group="couple-shared-account")
            b = w.person(cc=a["declared_country"], group="couple-shared-account", city=a["city"],
                         address=a["address"], last=a["last"], full_name=f"{rng.choice(FIRST[a['declared_country']])} {a['last']}")
            b["home_pool"] = a["home_pool"]
            acct = w.pay(a)
            w.pay(b, account=acct, holder=a["full_name"])
            w.ordinary_logins(a)
            w.ordinary_logins(b)

    def privacy_vpn(n):
        # Mullvad and Proton run exits on their own ASNs and on rented hosting (M247, Datacamp);
        # each exit is shared by thousands of customers, so users meet on them.
        exits = (w.pool("mullvad", 39351, 12, None) + w.pool("proton", 62371, 6, None)
                 + w.pool("m247", 9009, 6, None) + w.pool("datacamp", 60068, 6, None))
        for _ in range(n):
            p = w.person(group="privacy-vpn")
            w.pay(p)
            mine = rng.sample(exits, 3)
            for at in w.workdays(p):
                if rng.random() < 0.6:
                    w.login(p, at, rng.choice(mine))
                    if rng.random() < 0.3:  # VPN dropped: the home line minutes later
                        w.login(p, at + dt.timedelta(minutes=rng.randrange(2, 20)), p["home_pool"][0], city=p["city"])
                else:
                    w.login(p, at, p["home_pool"][0], city=p["city"])

    def carrier_nat(n):
        # Mobile-only people: CGNAT pools shared with every other subscriber of the carrier.
        for _ in range(n):
            p = w.person(group="carrier-nat")
            w.pay(p)
            for at in w.workdays(p):
                w.login(p, at, rng.choice(p["mobile_pool"][:6]))

    def coworking(spaces, members):
        for s in range(spaces):
            cc = rng.choice(["DE", "NL", "ES", "PT"])
            city, postcode = rng.choice(CITIES[cc])
            space_ip = w.nets.pool(rng.choice(ISP[cc]["home"]), 1, cc)
            space_addr = f"{rng.choice(STREET[cc])} {rng.randrange(1, 90)}, {postcode} {city}"
            for _ in range(members):
                p = w.person(cc=cc, group="coworking", city=city)
                if rng.random() < 0.25:  # the laptop goes to the space's front desk
                    p["ship_to_address"] = space_addr
                w.pay(p)
                for at in w.workdays(p):
                    local = (at.hour + p["tz"]) % 24
                    ip = space_ip[0] if 9 <= local <= 17 and rng.random() < 0.7 else p["home_pool"][0]
                    w.login(p, at, ip, city=city)

    def travellers(n):
        abroad = [("US", 7922), ("GR", None), ("TH", None), ("JP", None)]
        for _ in range(n):
            p = w.person(group="traveller")
            w.pay(p)
            trip_start = rng.randrange(10, 70)
            dest = rng.choice(["GB", "FR", "ES", "IT", "PT", "DE", "US"])
            if dest == p["declared_country"]:
                dest = "US"
            asn = 7922 if dest == "US" else ISP[dest]["home"][0]
            hotel = w.nets.pool(asn, 2, dest)
            for at in w.workdays(p):
                d = (at - START).days
                if trip_start <= d < trip_start + 9:
                    w.login(p, at + dt.timedelta(hours=(-6 if dest == "US" else 0)), rng.choice(hotel))
                else:
                    w.login(p, at, p["home_pool"][0], city=p["city"])

    def corporate_egress(n):
        # Consultancy staff placed with us: their employer routes everything through Zscaler.
        egress = w.pool("zscaler", 62044, 4, None) + w.pool("zscaler2", 22616, 2, None)
        agency_mail = "consulting-partners.example"
        for i in range(n):
            p = w.person(group="corporate-egress", platform="agency")
            p["work_account"] = f"{ascii_fold(p['first'])}.{ascii_fold(p['last'])}@{agency_mail}"
            w.pay(p)
            for at in w.workdays(p):
                w.login(p, at, rng.choice(egress))

    def relocated(n):
        for _ in range(n):
            old = rng.choice(list(ISP))
            new = rng.choice([c for c in ISP if c != old])
            p = w.person(cc=new, group="relocated")
            old_home = w.nets.pool(ISP[old]["home"][0], 1, old)
            w.pay(p, bank_cc=old)  # the old bank account still works
            move_day = rng.randrange(5, 30)
            for at in w.workdays(p):
                ip = old_home[0] if (at - START).days < move_day else p["home_pool"][0]
                w.login(p, at, ip)

    def fintech_account(n):
        for _ in range(n):
            p = w.person(group="fintech-account")
            w.pay(p, bank_cc=rng.choice(["BE", "LT"]))
            w.ordinary_logins(p)

    def night_owls(n):
        for _ in range(n):
            p = w.person(group="night-owl")
            w.pay(p)
            p["tz"] = p["tz"] - 8  # works 19:00-03:00 local
            w.ordinary_logins(p, mobile_share=0.05)

    def remote_tools(n):
        for _ in range(n):
            p = w.person(group="remote-support-tool")
            w.pay(p)
            w.ordinary_logins(p)
            w.endpoint.append(dict(observation_id=f"EP-{p['candidate_id']}", candidate_id=p["candidate_id"],
                                   observed_at=iso(START + dt.timedelta(days=3)), device_id=p["device"],
                                   kind="software", name=rng.choice(["TeamViewer", "AnyDesk"]), vendor_id="",
                                   product_id="", approved="false"))

    # --- rings: facilitator-run; not every member carries every signal -------------------------------
    def ring_laptop_farm():
        # A facilitator's flat in Warsaw hosts the company laptops of five personas who declare homes in
        # four countries; they work 01:00-09:00 UTC. Two salaries land in one account in a third name.
        farm_line = w.nets.pool(5617, 1, "PL")
        farm_addr = "ul. Grójecka 186 m. 14, 02-390 Warszawa"
        acct = iban(rng, "LT")
        names = []
        for i, cc in enumerate(["DE", "NL", "ES", "FR", "PL"]):
            p = w.person(cc=cc, group="ring-laptop-farm", label="fraud", managed=True)
            names.append(p)
            if i < 3:
                p["ship_to_address"] = farm_addr if i != 1 else "ul. Grojecka 186/14, 02-390 Warszawa"
                p["ship_to_country"] = "PL"
            w.pay(p, account=acct if i in (0, 2) else None, holder="Tomasz Wrona" if i in (0, 2) else None,
                  bank_cc="LT" if i in (0, 2) else None)
            p["tz"] = -8  # shifted day
            for at in w.workdays(p, per_day=(2, 4), skip=0.02):
                if i == 4 and rng.random() < 0.5:
                    w.login(p, at, p["home_pool"][0])  # the PL member really lives nearby
                else:
                    w.login(p, at, farm_line[0])
            if i in (0, 3):
                w.endpoint.append(dict(observation_id=f"EP-{p['candidate_id']}", candidate_id=p["candidate_id"],
                                       observed_at=iso(START + dt.timedelta(days=5)), device_id=p["device"], kind="usb",
                                       name="PiKVM USB gadget", vendor_id="1d6b", product_id="0104", approved="false"))
        return names

    def ring_wallet():
        # Four personas paid in USDT to one wallet; they sign in through Astrill exits on rented
        # hosting; a referral chain brought them in; two share one CV file.
        wallet = "0x" + "".join(rng.choice("0123456789abcdef") for _ in range(40))
        hosting = w.pool("astrill-like", 14061, 4, None) + w.pool("astrill-m247", 9009, 3, None)
        cv = uuid.UUID(int=rng.getrandbits(128)).hex * 2
        prev = None
        members = []
        for i, cc in enumerate(["GB", "IT", "RO", "DE"]):
            p = w.person(cc=cc, group="ring-wallet", label="fraud", referrer_id=prev or "")
            if i in (1, 2):
                p["resume_hash"] = cv
            members.append(p)
            prev = p["candidate_id"]
            if i != 3:
                for month in range(3):
                    w.payments.append(dict(record_id=f"AP-{p['candidate_id']}-{month}", source="crypto-payroll",
                                           paid_at=iso(START + dt.timedelta(days=30 * month + 28)),
                                           contractor_id=p["candidate_id"], payee_name=p["full_name"],
                                           account_holder_name="", account_type="wallet", account_identifier=wallet,
                                           iban="", bic="", bank_name="", bank_country="",
                                           amount=f"{p['rate_hourly'] * 150:.2f}", currency="USDT", method="crypto"))
            else:
                w.pay(p)
            p["tz"] = -7
            mine = rng.sample(hosting, 3)
            for at in w.workdays(p, per_day=(1, 3)):
                w.login(p, at, rng.choice(mine) if rng.random() < 0.85 else p["home_pool"][0])
        # One slip from the operators' own network.
        w.login(members[1], START + dt.timedelta(days=40, hours=2), w.pool("kp", 131279, 1, None)[0])
        return members

    def ring_byod():
        # One operator runs three personas from one personal laptop (BYOD): the IdP sees one device id.
        device = f"dev-{uuid.UUID(int=rng.getrandbits(128)).hex[:16]}"
        vps = w.pool("vps", 24940, 2, None)
        phone = f"+4915{rng.randrange(10**8, 10**9)}"
        members = []
        for i, cc in enumerate(["DE", "PT", "GB"]):
            p = w.person(cc=cc, group="ring-byod", label="fraud", device=device, managed=False)
            if i < 2:
                p["phone"] = phone
            w.pay(p)
            p["tz"] = -8
            members.append(p)
            for at in w.workdays(p, per_day=(1, 3)):
                w.login(p, at, rng.choice(vps) if rng.random() < 0.7 else p["home_pool"][0], device=device, managed=False)
        return members

    # Population: benign groups in proportions a mid-size team sees; the rest plain.
    households(45)          # ~100 people
    couples_one_account(15)
    privacy_vpn(70)
    carrier_nat(60)
    coworking(4, 12)
    travellers(50)
    corporate_egress(30)
    relocated(30)
    fintech_account(60)
    night_owls(25)
    remote_tools(20)
    ring_laptop_farm()
    ring_wallet()
    ring_byod()
    plain(max(0, people - len(w.people)))
    return w


CAND_COLS = ["candidate_id", "full_name", "email", "phone", "declared_country", "city", "address", "ship_to_address",
             "ship_to_country", "platform", "role", "rate_hourly", "rate_currency", "referrer_id", "applied_at",
             "hired_at", "github_username", "resume_hash", "locale", "accounts"]
PAY_COLS = ["record_id", "source", "paid_at", "contractor_id", "payee_name", "account_holder_name", "account_type",
            "account_identifier", "iban", "bic", "bank_name", "bank_country", "amount", "currency", "method"]
EP_COLS = ["observation_id", "candidate_id", "observed_at", "device_id", "kind", "name", "vendor_id", "product_id",
           "approved"]


def write(w, out):
    import csv
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "candidates.csv"), "w", newline="", encoding="utf-8") as f:
        c = csv.writer(f)
        c.writerow(CAND_COLS)
        for p in w.people:
            row = dict(p, applied_at=iso(p["applied_at"]), hired_at=iso(p["hired_at"]), accounts=p["work_account"],
                       resume_hash=p.get("resume_hash", ""))
            c.writerow([row.get(k, "") for k in CAND_COLS])
    for name, cols, rows in [("payments.csv", PAY_COLS, w.payments), ("endpoint.csv", EP_COLS, w.endpoint)]:
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
            c = csv.writer(f)
            c.writerow(cols)
            for r in rows:
                c.writerow([r.get(k, "") for k in cols])
    w.events.sort(key=lambda e: e["published"])
    with open(os.path.join(out, "okta-system-log.ndjson"), "w", encoding="utf-8") as f:
        for e in w.events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "truth.tsv"), "w", encoding="utf-8") as f:
        f.write("candidate_id\tlabel\tgroup\n")
        for p in w.people:
            f.write(f"{p['candidate_id']}\t{p['label']}\t{p['group']}\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--people", type=int, default=1500)
    a = ap.parse_args()
    world = build(a.seed, a.people)
    write(world, a.out)
    print(f"{len(world.people)} people, {len(world.events)} sign-ins, {len(world.payments)} payments -> {a.out}")
