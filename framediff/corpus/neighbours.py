"""Candidate pairs for the same-event check: each article's nearest neighbours in an approximate
nearest-neighbour index (faiss HNSW, inner product on normalised article vectors), kept when the
two are close enough and, where both dates are known, published within WINDOW_DAYS of each other.
The cost is close to linear in articles (about log n per query); no all-pairs matrix is made.
faiss was measured against hnswlib and usearch in bench/corpus.py (docs/corpus.md)."""
from __future__ import annotations

from collections import defaultdict, deque
from datetime import date

import numpy as np

K = 10  # neighbours kept per article: more than the outlets that usually cover one event
FETCH = 4  # K * FETCH neighbours are asked for, so the date window still leaves K
FLOOR = 0.5  # article-vector cosine below which two reports are never the same event (docs/corpus.md)
WINDOW_DAYS = 3
HNSW_M, EF_CONSTRUCTION, EF_SEARCH = 32, 80, 128


def _day(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso).toordinal() if iso else None
    except ValueError:
        return None


def build_index(vectors: np.ndarray):
    """The HNSW index of the rows of `vectors` (float32, L2-normalised). Single-threaded, so the same
    vectors always give the same index (a resumed run finds the same pairs)."""
    import faiss

    faiss.omp_set_num_threads(1)
    index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = EF_CONSTRUCTION
    index.hnsw.efSearch = EF_SEARCH
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def candidate_pairs(vectors: np.ndarray, dates: list[str], k: int = K, floor: float = FLOOR,
                    window: int = WINDOW_DAYS) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j, positions in `vectors`; each article keeps its k nearest that pass."""
    n = len(vectors)
    if n < 2:
        return []
    days = [_day(d) for d in dates]
    sims, nbrs = build_index(vectors).search(np.ascontiguousarray(vectors, dtype=np.float32), min(n, k * FETCH + 1))
    found: dict[tuple[int, int], float] = {}
    for i in range(n):
        kept = 0
        for s, j in zip(sims[i], nbrs[i]):
            if j < 0 or j == i or s < floor:
                continue
            if days[i] is not None and days[j] is not None and abs(days[i] - days[j]) > window:
                continue
            found[(min(i, j), max(i, j))] = round(float(s), 6)
            kept += 1
            if kept == k:
                break
    return sorted((i, j, s) for (i, j), s in found.items())


def by_neighbourhood(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The same pairs ordered so that an article's pairs stand together (breadth-first over the pair
    graph): cut into batches, most articles then fall in one batch, and a worker parses each article
    for the same-event score once instead of once per batch that holds one of its pairs."""
    touching: dict[int, list[int]] = defaultdict(list)
    for n, (x, y) in enumerate(pairs):
        touching[x].append(n)
        touching[y].append(n)
    taken, seen, out = set(), set(), []
    for start in sorted(touching):
        if start in seen:
            continue
        seen.add(start)
        todo = deque([start])
        while todo:
            node = todo.popleft()
            for n in touching[node]:
                if n not in taken:
                    taken.add(n)
                    out.append(pairs[n])
                    other = pairs[n][0] if pairs[n][1] == node else pairs[n][1]
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
    return out
