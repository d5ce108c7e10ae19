"""The igraph side of `npm run bench -- --only analytics` (bench/figures/analytics.ts). Not named igraph.py, which would shadow the module.

Reads a graph as lines "a b weight" from the file named first, then for each measure named after
it times the igraph call alone (the graph is built before the clock starts) `--repeat` times and
prints one JSON object: {"igraph": version, "<measure>": [seconds, ...], "louvain_modularity": q}.
"""
import json
import sys
import time

import igraph

args = sys.argv[1:]
repeat = 1
if "--repeat" in args:
    i = args.index("--repeat")
    repeat = int(args[i + 1])
    del args[i : i + 2]
path, measures = args[0], args[1:]

n = 0
edges = []
weights = []
with open(path) as f:
    n = int(f.readline())
    for line in f:
        a, b, w = line.split()
        edges.append((int(a), int(b)))
        weights.append(float(w))
g = igraph.Graph(n=n, edges=edges)
g.es["weight"] = weights

calls = {
    "betweenness": lambda: g.betweenness(directed=False),
    "constraint": lambda: g.constraint(weights="weight"),
    "louvain": lambda: g.community_multilevel(weights="weight"),
}
out = {"igraph": igraph.__version__}
for m in measures:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = calls[m]()
        times.append(time.perf_counter() - t0)
    out[m] = times
    if m == "louvain":
        out["louvain_modularity"] = result.modularity
print(json.dumps(out))
