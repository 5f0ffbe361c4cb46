#!/usr/bin/env python3
"""GitHub audit log streaming lines (JSON lines, as written to S3 / Azure Blob / Splunk) for the
transfer-import bench: --events N lines over --actors people, ~70 % git.clone/fetch/push, the rest
repo.download_zip, repo.access, org/team admin events; ~40 % without actor_ip, as GitHub writes many.
--candidates FILE also writes a candidates CSV whose `accounts` map 90 % of the actors."""
import argparse, json, random

ap = argparse.ArgumentParser()
ap.add_argument("--events", type=int, default=10_000_000)
ap.add_argument("--actors", type=int, default=2000)
ap.add_argument("--out", required=True)
ap.add_argument("--candidates")
ap.add_argument("--seed", type=int, default=20260310)
a = ap.parse_args()
rnd = random.Random(a.seed)
actors = ["dev%05d" % i for i in range(a.actors)]
repos = ["acme/svc-%03d" % i for i in range(400)]
ips = ["198.51.%d.%d" % (i // 250, i % 250 + 1) for i in range(5000)] + ["2001:db8::%x" % i for i in range(500)]
actions = (["git.clone"] * 30 + ["git.fetch"] * 25 + ["git.push"] * 15 + ["repo.download_zip"] * 5
           + ["repo.access"] * 5 + ["org.add_member", "team.add_member", "repo.create", "protected_branch.create"] * 5
           + ["copilot.cfb_seat_added"])
t0 = 1_767_225_600_000
with open(a.out, "w") as f:
    for i in range(a.events):
        action = rnd.choice(actions)
        e = {"@timestamp": t0 + i * 250 + rnd.randrange(250), "_document_id": "b%010d" % i, "action": action,
             "actor": rnd.choice(actors), "org": "acme"}
        if action.startswith(("git.", "repo.")):
            e["repo"] = rnd.choice(repos)
        if rnd.random() < 0.6:
            e["actor_ip"] = rnd.choice(ips)
        if action.startswith("git."):
            e["transport_protocol_name"] = rnd.choice(("http", "ssh"))
            if rnd.random() < 0.5:
                e["hashed_token"] = "SHA256:%x" % rnd.getrandbits(64)
                e["programmatic_access_type"] = "Personal access token (classic)"
        if action in ("org.add_member", "team.add_member"):
            e["user"] = rnd.choice(actors)
        f.write(json.dumps(e, separators=(",", ":")))
        f.write("\n")
if a.candidates:
    with open(a.candidates, "w") as f:
        f.write("candidate_id,full_name,email,accounts\n")
        for i, actor in enumerate(actors[: a.actors * 9 // 10]):
            f.write("B-%05d,Bench Person %d,%s@example.com,%s\n" % (i, i, actor, actor))
