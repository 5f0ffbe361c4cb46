#!/usr/bin/env python3
"""Rings against the answer key: Jaccard of each planted ring with its best-matching found ring, and the
benign candidates in rings of 3 or more. Usage: ring-eval.py DIR (holding rings.json and truth.tsv)."""
import json,csv,sys
d=sys.argv[1]
r=json.load(open(d+'/rings.json'))['rings']
truth={row['candidate_id']:row for row in csv.DictReader(open(d+'/truth.tsv'),delimiter='\t')}
found=[set(m['candidate_id'] if isinstance(m,dict) else m for m in g['members']) for g in r]
tr={}
for c,row in truth.items():
    if row['label']=='fraud': tr.setdefault(row['group'],set()).add(c)
for name,s in sorted(tr.items()):
    best=max(((len(s&f)/len(s|f)),sorted(f)) for f in found) if found else (0,[])
    print(f"{name}: Jaccard {best[0]:.2f} {best[1]}")
bi=set()
for f in found:
    if len(f)>=3: bi|={c for c in f if truth[c]['label']=='benign'}
nb=sum(1 for t in truth.values() if t['label']=='benign')
print(f"benign in rings of size >= 3: {len(bi)}/{nb} ({100*len(bi)/nb:.2f} %) {sorted(bi)}")
print("ring sizes:", sorted((len(f) for f in found), reverse=True))
