"""igraph's values for the test graphs: the reference the measures are checked against.

Reads {"<name>": {"n": int, "edges": [[a, b, weight], ...], "groups": [int, ...]}, ...} on standard
input (the graphs of testGraphs.ts, sent by reference.ts) and prints, for each graph, what
python3-igraph computes: betweenness (unweighted, undirected), constraint (weighted), nominal
assortativity of the groups, modularity of the groups as a membership (weighted), articulation
points, bridges, and the modularity community_multilevel reaches (weighted, Python's random
seeded with 1). NaN is written as null. The ties arrive merged (no parallel ties, no self-loops),
as graphFromEdges keeps them, so igraph sees the same simple graph.

    npm exec -- node server/areas/places/analytics/measures/reference.ts   # rewrites reference.json
"""
import json
import math
import random
import sys

import igraph


def clean(xs):
    return [None if isinstance(x, float) and math.isnan(x) else x for x in xs]


def nan_to_none(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def measures(spec):
    g = igraph.Graph(n=spec["n"], edges=[(a, b) for a, b, _ in spec["edges"]])
    g.es["weight"] = [float(w) for _, _, w in spec["edges"]]
    groups = spec["groups"]
    random.seed(1)
    multilevel = g.community_multilevel(weights="weight")
    bridges = sorted(tuple(sorted(g.es[e].tuple)) for e in g.bridges())
    return {
        "betweenness": g.betweenness(directed=False),
        "constraint": clean(g.constraint(weights="weight")),
        "assortativity": nan_to_none(g.assortativity_nominal(groups, directed=False)),
        "modularity": nan_to_none(g.modularity(groups, weights="weight")),
        "articulation_points": sorted(g.articulation_points()),
        "bridges": [list(b) for b in bridges],
        "multilevel_modularity": multilevel.modularity,
    }


graphs = json.load(sys.stdin)
out = {"igraph": igraph.__version__, "graphs": {name: measures(spec) for name, spec in graphs.items()}}
json.dump(out, sys.stdout, allow_nan=False)
