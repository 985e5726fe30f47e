"""Sentence vectors, cached on disk by (model id, text hash).

Two ways to run the same sentence-transformers model (the *backend*):

- ``torch``: sentence-transformers itself (imports torch: a few seconds before the first vector);
- ``onnx`` / ``onnx-int8``: the model's transformer exported once from the local PyTorch weights to
  ONNX (``onnx-int8``: weights quantised to 8 bits, per channel) and run by onnxruntime, with the
  model's own fast tokenizer and pooling. No torch import at run time; ``onnx`` gives the same
  vectors as torch (cosine 1.0000), ``onnx-int8`` close ones (docs/benchmarks.md) for less CPU.

The backend is chosen by the ``backend`` argument, else FRAMEDIFF_BACKEND, else DEFAULT_BACKEND, and
is part of the model id, so vectors of different backends never mix in the cache. Exported ONNX
files live in the user's cache folder (``~/.cache/framediff/onnx/<model id>/``, or FRAMEDIFF_ONNX_DIR), written
atomically, made once per model and reused whatever vector cache is in use: the export imports torch and takes
10-30 s, several times a cold comparison of two news articles.

The cache is one SQLite file under the user's cache folder (or FRAMEDIFF_CACHE_DIR),
so articles seen before cost no re-embedding. Vectors are L2-normalised float32. The same file keeps the
spaCy parses of articles (nlp.py), so no article is parsed twice either.

The word scorer (framing/wordscore.py) reads words through the model's last hidden states along a few
fitted directions. Once it has named them (Embedder.score_words_along), encode() on the ``onnx`` backend
keeps, per sentence, a PieceReadout of the states it computed: each word-piece's dot products with the
directions and with its next NEAR pieces, about 50 bytes a piece instead of the state's 1.5 KB, so
word_scores() costs no second model pass over the same sentences at any length (at most MEMO_BYTES kept).

Sharing the cores: the ONNX model runs one thread per sub-batch, and as many sub-batches at once as there are free
cores (`core()`): the spaCy parse that runs beside the embedding (nlp.parse_soon) holds one core while it parses, so
the model takes the others and never stalls the parse (onnxruntime's own threads wait for each other at every
operator, and one of them pushed off its core by the parse held up the rest). The model's threads run at a lower
priority (`_yielding`), so Python's one running thread is never the one that waits for a core.

Vectors made or read are also kept in memory (the last RECENT), so a step reading the sentences' vectors again does
not go back to the disk cache.

Spans of sentences (a quote's words) are read from the sentences' own pass too (span_vectors): encode() keeps each
sentence's word-piece states (float16, at most STATE_BYTES), and a span's vector is the mean of its pieces' states.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import sys
import threading
import uuid
import warnings
from collections import Counter, OrderedDict, deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import Callable, NamedTuple

import numpy as np

from .model_store import ModelError, ModelSpec, find_model

Progress = Callable[[int, int], None]
BATCH = 64
TOKENS = 512  # ONNX sub-batch in padded tokens (~20 sentences, 2 of 256 tokens): same vectors as 4096 for 25% less CPU (docs/benchmarks.md)
BACKENDS = ("torch", "onnx", "onnx-int8")
MEMO_BYTES = 128 * 2**20  # readouts kept per Embedder: ~2.5M word-pieces, more than two texts at the size limit
STATE_BYTES = 128 * 2**20  # word-piece states kept for span_vectors (float16): about 3,000 sentences
NEAR = 8  # a readout scores words of up to NEAR + 1 word-pieces; a longer word runs the model again
DEFAULT_BACKEND = "onnx"
MODEL_NICE = 5  # the model's threads' niceness (`_yielding`): long pair 17.27 -> 17.08 s median of five (10: no less)
RECENT = 16_384  # vectors kept in memory (24 MB): every sentence of two long articles
CHUNK = 256  # texts tokenised and run at once on the ONNX backends: their sub-batches spread over the cores
CORES = max(1, os.cpu_count() or 1)
_cores = threading.BoundedSemaphore(CORES)  # one per core: held by each running sub-batch and by the spaCy parse


def _yielding() -> None:
    """The model's threads yield the cores to the process's Python (Linux: per-thread niceness MODEL_NICE). Python
    runs one thread at a time, and beside two model threads on two cores the step everything waits for (align, then
    framing, on the main thread) got two thirds of a core; the model's runs fill whatever the others leave."""
    if sys.platform.startswith("linux"):  # elsewhere a thread id given to setpriority could name another process
        with suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), MODEL_NICE)


def core() -> threading.BoundedSemaphore:
    """The cores' semaphore: `with core():` around CPU-bound work that runs beside the model (the spaCy parse), so the
    model runs on the other cores instead of competing for that one."""
    return _cores


def user_cache() -> Path:
    """framediff's folder in the user's cache folder (XDG_CACHE_HOME, else ~/.cache)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "framediff"


def cache_dir() -> Path:
    """The vector (and parse) cache's folder: FRAMEDIFF_CACHE_DIR, else the user's cache folder."""
    env = os.environ.get("FRAMEDIFF_CACHE_DIR")
    return Path(env) if env else user_cache()


def onnx_dir() -> Path:
    """Where exported ONNX models are kept: FRAMEDIFF_ONNX_DIR, else `onnx/` in the user's cache folder, not in
    FRAMEDIFF_CACHE_DIR (an export depends only on the model folder, so a fresh vector cache does not redo it);
    `onnx/` in the cache folder when the user's cannot be made."""
    env = os.environ.get("FRAMEDIFF_ONNX_DIR")
    if env:
        return Path(env)
    try:
        (user_cache() / "onnx").mkdir(parents=True, exist_ok=True)
        return user_cache() / "onnx"
    except OSError:
        return cache_dir() / "onnx"


def choose_backend(choice: str | None = None) -> str:
    """The backend asked for (argument, else FRAMEDIFF_BACKEND, else the default), checked."""
    choice = (choice or os.environ.get("FRAMEDIFF_BACKEND") or DEFAULT_BACKEND).strip().lower()
    if choice not in BACKENDS:
        raise ModelError(f"unknown embedding backend {choice!r}: choose one of {', '.join(BACKENDS)} "
                         f"(FRAMEDIFF_BACKEND)")
    return choice


class VectorCache:
    """(model id, sha1 of text) -> vector, in SQLite; unusable cache folders degrade to no cache.

    Table ``v`` holds sentence vectors; ``w`` the word scorer's per-word results (framing/wordscore.py); ``d`` the
    articles' spaCy parses (nlp.py), as bytes."""

    TABLES = ("v", "w", "d")

    def __init__(self, folder: Path):
        self._db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / "vectors.sqlite3", check_same_thread=False, timeout=10)
            for table in self.TABLES:
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (model TEXT, key TEXT, vec BLOB, "
                                 f"PRIMARY KEY(model, key))")
        except (OSError, sqlite3.Error):
            self._db = None
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, model: str, keys: list[str], table: str = "v") -> dict[str, np.ndarray]:
        return {k: np.frombuffer(blob, dtype=np.float32) for k, blob in self.get_bytes(model, keys, table).items()}

    def put(self, model: str, items: dict[str, np.ndarray], table: str = "v") -> None:
        self.put_bytes(model, {k: v.astype(np.float32).tobytes() for k, v in items.items()}, table)

    def get_bytes(self, model: str, keys: list[str], table: str) -> dict[str, bytes]:
        if table not in self.TABLES:
            raise ValueError(f"no table {table!r}")
        if self._db is None or not keys:
            return {}
        out: dict[str, bytes] = {}
        with self._lock:
            try:
                for i in range(0, len(keys), 500):
                    chunk = keys[i:i + 500]
                    q = f"SELECT key, vec FROM {table} WHERE model=? AND key IN ({','.join('?' * len(chunk))})"
                    out.update(self._db.execute(q, [model, *chunk]))
            except sqlite3.Error:
                return {}
        return out

    def put_bytes(self, model: str, items: dict[str, bytes], table: str) -> None:
        if table not in self.TABLES:
            raise ValueError(f"no table {table!r}")
        if self._db is None or not items:
            return
        with self._lock:
            try:
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)",
                                     [(model, k, v) for k, v in items.items()])
                self._db.commit()
            except sqlite3.Error:
                pass


def _quiet_hf() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def atomic_write(target: Path, make: Callable[[Path], None]) -> None:
    """make(tmp) writes a file; it becomes `target` in one rename (a concurrent maker's copy may win)."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        make(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def export_onnx(spec: ModelSpec, folder: Path) -> Path:
    """Export the model's transformer from its PyTorch weights to `folder`/model.onnx (once); its path."""
    target = folder / "model.onnx"
    own = spec.path / "onnx" / "model.onnx"
    if own.is_file():
        return own
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    _quiet_hf()
    import inspect

    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    base = AutoModel.from_pretrained(str(spec.path), local_files_only=True).eval()
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids")
             if n in inspect.signature(base.forward).parameters]

    class Hidden(torch.nn.Module):  # keyword call: forward's argument order differs between versions
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, *inputs):
            return self.model(**dict(zip(names, inputs))).last_hidden_state

    example = tuple(torch.ones(2, 8, dtype=torch.long) for _ in names)

    def make(tmp: Path) -> None:
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(Hidden(base), example, str(tmp), dynamo=False, input_names=names,
                              output_names=["last_hidden_state"], opset_version=17, do_constant_folding=True,
                              dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]})

    atomic_write(target, make)
    return target


def quantize_onnx(source: Path, folder: Path) -> Path:
    """8-bit weights (dynamic quantisation, per channel) of an ONNX model, made once; its path."""
    target = folder / "model_qint8.onnx"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.ERROR))  # quiet the "consider pre-processing" advice
    try:
        atomic_write(target, lambda tmp: quantize_dynamic(str(source), str(tmp), per_channel=True,
                                                          weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"]))
    finally:
        root.setLevel(level)
    return target


class OnnxSentenceModel:
    """Tokenizer -> ONNX transformer -> pooling -> L2 norm, as the model's sentence-transformers modules do."""

    def __init__(self, spec: ModelSpec, onnx_path: Path):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        modules = json.loads((spec.path / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
            raise ModelError(f"model {spec.name!r} ({' + '.join(kinds)}) can only run with the torch backend: "
                             f"set FRAMEDIFF_BACKEND=torch")
        pooling = json.loads((spec.path / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        self.pooling = next((m for m in ("mean_tokens", "cls_token", "max_tokens") if pooling.get(f"pooling_mode_{m}")),
                            None)
        if self.pooling is None or sum(bool(v) for k, v in pooling.items() if k.startswith("pooling_mode_")) != 1:
            raise ModelError(f"model {spec.name!r}: its pooling is not supported by the ONNX backend; "
                             f"set FRAMEDIFF_BACKEND=torch")
        tok_file = spec.path / "tokenizer.json"
        if not tok_file.is_file():
            raise ModelError(f"model {spec.name!r} has no tokenizer.json (needed by the ONNX backend); "
                             f"set FRAMEDIFF_BACKEND=torch")
        sbert = spec.path / "sentence_bert_config.json"
        max_len = json.loads(sbert.read_text(encoding="utf-8")).get("max_seq_length") if sbert.is_file() else None
        self.tokenizer = Tokenizer.from_file(str(tok_file))
        self.tokenizer.enable_truncation(max_len or 512)
        self.pad_id = (self.tokenizer.padding or {}).get("pad_id", 0)
        self.tokenizer.no_padding()  # padded per sub-batch in _run
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        # no busy-waiting between operators: on a shared 2-core machine spinning threads burned ~20%
        # more CPU for the same vectors and no faster wall time (bench/speed.py, docs/benchmarks.md)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # one thread a run, one run per free core (forward): the same vectors, 6% less CPU than onnxruntime's own
        # threads, and no core taken from the parse (module docstring)
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self._runs = ThreadPoolExecutor(CORES, thread_name_prefix="framediff-onnx", initializer=_yielding)

    def _run(self, batch) -> tuple[np.ndarray, np.ndarray]:
        """(attention mask, last hidden states) of one sub-batch of encodings, run on a free core."""
        width = max(len(e.ids) for e in batch)
        ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for r, e in enumerate(batch):
            ids[r, :len(e.ids)] = e.ids
            mask[r, :len(e.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        with _cores:
            return mask, self.session.run(None, {n: feed[n] for n in self.inputs})[0]

    def forward(self, texts: list[str]):
        """Run the transformer on `texts` in sub-batches of at most TOKENS padded tokens (long texts: small
        batches), shortest first, as many at once as cores are free; yields (indices into texts, their encodings,
        attention mask, last hidden states) in that order."""
        enc = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(enc)), key=lambda i: len(enc[i].ids))
        parts, start = [], 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * len(enc[order[end]].ids) <= TOKENS:
                end += 1
            parts.append(order[start:end])
            start = end
        # at most one sub-batch more than there are cores is queued at a time: another caller's (the main thread's,
        # while the quotes' spans are embedded in the background) waits for a few sub-batches, not for a whole chunk
        waiting, left = deque(), iter(parts)

        def submit() -> None:
            while len(waiting) <= CORES and (part := next(left, None)) is not None:
                waiting.append((part, self._runs.submit(self._run, [enc[i] for i in part])))

        try:
            submit()
            while waiting:
                part, run = waiting.popleft()
                result = run.result()
                submit()
                yield (part, [enc[i] for i in part], *result)
        finally:
            for _, run in waiting:
                run.cancel()

    def encode(self, texts: list[str], states: list | None = None) -> np.ndarray:
        """Vectors of `texts`: pooled and L2-normalised last hidden states; with `states` (a list as long as
        texts), each text's word-piece states (as hidden_states gives them) are put there too."""
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        for part, batch, mask, hidden in self.forward(texts):
            for r, (i, v) in enumerate(zip(part, self._pool(mask, hidden))):
                out[i] = v
                if states is not None:
                    states[i] = self._pieces(batch[r], hidden[r])
        return np.stack(out) if out else np.zeros((0, 0), np.float32)

    def hidden_states(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text: (word-piece character offsets (n, 2), last hidden states (n, dim)), special tokens left out."""
        out: list = [None] * len(texts)
        for part, batch, _, hidden in self.forward(texts):
            for r, i in enumerate(part):
                out[i] = self._pieces(batch[r], hidden[r])
        return out

    @staticmethod
    def _pieces(enc, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        keep = [k for k, m in enumerate(enc.special_tokens_mask) if not m]
        return (np.asarray([enc.offsets[k] for k in keep], dtype=np.int32).reshape(-1, 2),
                hidden[keep])

    def _pool(self, mask: np.ndarray, hidden: np.ndarray) -> np.ndarray:
        if self.pooling == "cls_token":
            v = hidden[:, 0]
        elif self.pooling == "max_tokens":
            v = np.where(mask[..., None] > 0, hidden, -1e9).max(axis=1)
        else:
            m = mask[..., None].astype(np.float32)
            v = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        v = v.astype(np.float32)
        return v / np.clip(np.linalg.norm(v, axis=1, keepdims=True), 1e-12, None)


def pieces_in(offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Indices of the word-pieces (character offsets (n, 2)) that overlap text[start:end]."""
    return np.flatnonzero((offsets[:, 0] < end) & (start < offsets[:, 1])) if len(offsets) else np.zeros(0, int)


class PieceReadout(NamedTuple):
    """What word_scores() needs of one sentence's last hidden states h (word-pieces, special tokens left out).

    offsets: (n, 2) character offsets of the pieces; along: (n, k) h[i] . direction; near: (n, w) h[i] . h[i + j]
    for j < w (0 past the end): enough for the normalised mean of up to w neighbouring pieces along each direction."""

    offsets: np.ndarray
    along: np.ndarray
    near: np.ndarray

    @classmethod
    def of(cls, offsets: np.ndarray, hidden: np.ndarray, directions: np.ndarray, width: int = NEAR + 1) -> PieceReadout:
        h = hidden.astype(np.float64)
        near = np.zeros((len(h), width))
        for j in range(min(width, len(h))):
            near[:len(h) - j, j] = np.einsum("nd,nd->n", h[:len(h) - j], h[j:])
        return cls(offsets, (h @ directions.T).astype(np.float32), near.astype(np.float32))

    @property
    def nbytes(self) -> int:
        return self.offsets.nbytes + self.along.nbytes + self.near.nbytes

    def scores(self, spans) -> np.ndarray | None:
        """(len(spans), k): per (start, end) span, the mean state of the pieces overlapping it, L2-normalised, along
        each direction (0 when no piece does: past the model's length limit); None when a span needs wider `near`."""
        out = np.zeros((len(spans), self.along.shape[1]))
        width = self.near.shape[1]
        for j, (s, e) in enumerate(spans):
            hit = pieces_in(self.offsets, s, e)
            if not len(hit):
                continue
            first, m = hit[0], hit[-1] - hit[0] + 1
            if m > width:
                return None
            band = self.near[first:first + m].astype(np.float64)
            square = sum(band[a, 0] + 2 * band[a, 1:m - a].sum() for a in range(m))  # |sum of the pieces|^2
            out[j] = self.along[first:first + m].sum(axis=0) / max(math.sqrt(max(square, 0.0)), m * 1e-9)
        return out


class Embedder:
    """Loads the chosen model on first use (or in the background) and turns texts into normalised vectors."""

    def __init__(self, model: str | None = None, cache: VectorCache | None = None, backend: str | None = None):
        self.spec: ModelSpec = find_model(model)
        self.backend = choose_backend(backend)
        self.model_id = self.spec.model_id + ("" if self.backend == "torch" else f"+{self.backend}")
        self.cache = cache if cache is not None else VectorCache(cache_dir())
        self.model_calls = 0  # batches sent to the model (the cache's hits cost none), word_scores() included
        self.passes: Counter[str] = Counter()  # text key -> times the text went through the model, any method
        self._count_lock = threading.Lock()
        self._flight: dict[str, Future] = {}  # text key -> its vector, while an encode() call is making it
        self._flight_lock = threading.Lock()
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()  # text key -> its vector, the last RECENT
        self._model = None  # OnnxSentenceModel, or texts -> vectors with torch
        self._lock = threading.Lock()
        self._directions: np.ndarray | None = None  # (k, dim): what readouts are kept along (score_words_along)
        self._readouts: OrderedDict[str, PieceReadout] = OrderedDict()  # text key -> its readout, oldest first
        self._readout_bytes = 0
        self._readout_lock = threading.Lock()
        self._fp32: OnnxSentenceModel | None = None  # hidden states on the other backends
        self._states: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()  # text key -> (offsets, states)
        self._state_bytes = 0

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Load the model now (slow with torch); safe to call from any thread, loads once."""
        with self._lock:
            if self._model is not None:
                return
            try:
                self._model = self._load_torch() if self.backend == "torch" else self._load_onnx()
            except ModelError:
                raise
            except Exception as e:  # a broken folder fails in many library-specific ways
                raise ModelError(f"model {self.spec.name!r} at {self.spec.path} could not be loaded with the "
                                 f"{self.backend} backend ({type(e).__name__}: {str(e)[:120]}); reinstall it, pick "
                                 f"another with --model, or another backend with FRAMEDIFF_BACKEND") from None

    def _load_torch(self):
        _quiet_hf()
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        model = SentenceTransformer(str(self.spec.path), device="cpu", local_files_only=True)
        return lambda texts: model.encode(texts, batch_size=BATCH, normalize_embeddings=True,
                                          convert_to_numpy=True, show_progress_bar=False)

    def _load_onnx(self, backend: str | None = None) -> OnnxSentenceModel:
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            raise ModelError(f"the {self.backend} backend needs onnxruntime: `pip install onnxruntime onnx`, "
                             f"or set FRAMEDIFF_BACKEND=torch") from None
        folder = onnx_dir() / self.spec.model_id.replace("/", "_")
        path = export_onnx(self.spec, folder)
        if (backend or self.backend) == "onnx-int8":
            path = quantize_onnx(path, folder)
        return OnnxSentenceModel(self.spec, path)

    def score_words_along(self, directions) -> None:
        """Name the directions word_scores() will be asked for, before encode(): from then on encode() keeps each
        sentence's PieceReadout along them (and any named before), so scoring its words needs no model pass."""
        rows = np.atleast_2d(np.asarray(directions, np.float64))
        with self._readout_lock:
            known = self._directions if self._directions is not None else np.zeros((0, rows.shape[1]))
            new = [r for r in rows if not any(np.array_equal(r, k) for k in known)]
            if new:
                self._directions = np.vstack([known, *new])
                self._readouts.clear()  # kept ones lack the new directions
                self._readout_bytes = 0

    def _column(self, direction: np.ndarray) -> int:
        self.score_words_along(direction)
        return next(i for i, r in enumerate(self._directions) if np.array_equal(r, direction))

    def _keep(self, key: str, offsets: np.ndarray, hidden: np.ndarray, width: int = NEAR + 1) -> PieceReadout:
        readout = PieceReadout.of(offsets, hidden, self._directions, width)
        with self._readout_lock:
            old = self._readouts.pop(key, None)
            self._readout_bytes += readout.nbytes - (old.nbytes if old else 0)
            self._readouts[key] = readout
            while self._readout_bytes > MEMO_BYTES and len(self._readouts) > 1:
                self._readout_bytes -= self._readouts.popitem(last=False)[1].nbytes
        return readout

    def _keep_states(self, key: str, offsets: np.ndarray, hidden: np.ndarray) -> None:
        """Remember a text's word-piece states (float16) for span_vectors(), the oldest dropped past STATE_BYTES."""
        kept = (offsets, hidden.astype(np.float16))
        with self._readout_lock:
            old = self._states.pop(key, None)
            self._state_bytes += kept[1].nbytes - (old[1].nbytes if old else 0)
            self._states[key] = kept
            while self._state_bytes > STATE_BYTES and len(self._states) > 1:
                self._state_bytes -= self._states.popitem(last=False)[1][1].nbytes

    def span_vectors(self, spans: list[tuple[str, list[tuple[str, int, int]]]]) -> np.ndarray:
        """Vectors of spans of sentences read from the sentences' own pass, each span given as (its text, its parts:
        (sentence, start, end) of each sentence it covers, offsets into that sentence): the L2-normalised mean of the
        last hidden states of its word-pieces in their sentences, as encode() kept them on the ``onnx`` backend. Not
        the vector of the span's words alone: its states carry its sentence's other words (docs/benchmarks.md). A
        span whose sentences' states are not kept (past STATE_BYTES, another backend, sentences read from the cache)
        or that no word-piece covers is embedded on its own (encode(), counted) rather than its sentences run again.
        Cached like texts."""
        keys = [VectorCache.key(json.dumps(["span", parts], ensure_ascii=False)) for _, parts in spans]
        found = self.cache.get(self.model_id, list(set(keys)))
        made, alone = {}, []
        with self._readout_lock:
            for i, k in enumerate(keys):
                if k in found or k in made:
                    continue
                kept = [self._states.get(VectorCache.key(t)) for t, _, _ in spans[i][1]]
                rows = [st[1][pieces_in(st[0], s, e)] for st, (_, s, e) in zip(kept, spans[i][1]) if st is not None]
                if rows and all(st is not None for st in kept) and sum(map(len, rows)):
                    v = np.vstack(rows).astype(np.float64).mean(axis=0)
                    made[k] = (v / max(np.linalg.norm(v), 1e-12)).astype(np.float32)
                else:
                    alone.append(i)
        made.update(zip([keys[i] for i in alone], self.encode([spans[i][0] for i in alone])))
        self.cache.put(self.model_id, made)
        found.update(made)
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)

    def word_scores(self, texts: list[str], spans: list[list[tuple[int, int]]], direction) -> list[np.ndarray]:
        """Per text, for each (start, end) character span: the L2-normalised mean of the last hidden states of the
        word-pieces overlapping it, dot `direction` (float32 ONNX model whatever the backend; 0 past the model's
        length limit). Texts encode() read after score_words_along(direction) cost nothing, the others run the
        model (counted in model_calls)."""
        direction = np.asarray(direction, np.float64)
        col = self._column(direction)
        keys = [VectorCache.key(t) for t in texts]
        out: list = [None] * len(texts)
        with self._readout_lock:
            for i, k in enumerate(keys):
                if k in self._readouts:
                    self._readouts.move_to_end(k)
                    got = self._readouts[k].scores(spans[i])
                    out[i] = None if got is None else got[:, col]
        todo = sorted((i for i in range(len(texts)) if out[i] is None), key=lambda i: len(texts[i]))
        for c in range(0, len(todo), BATCH):
            batch = todo[c:c + BATCH]
            states = self._states_model().hidden_states([texts[i] for i in batch])
            self._counted(keys[i] for i in batch)
            for i, (offsets, hidden) in zip(batch, states):
                width = max([NEAR + 1] + [len(pieces_in(offsets, s, e)) for s, e in spans[i]])
                out[i] = self._keep(keys[i], offsets, hidden, width).scores(spans[i])[:, col]
        return [o.astype(np.float32) for o in out]

    def hidden_states(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text, its word-piece offsets and last hidden states (OnnxSentenceModel.hidden_states, float32
        ONNX model whatever the backend); runs the model (counted in model_calls)."""
        out: list = []
        for i in range(0, len(texts), BATCH):
            out += self._states_model().hidden_states(texts[i:i + BATCH])
            self._counted(map(VectorCache.key, texts[i:i + BATCH]))
        return out

    def _states_model(self) -> OnnxSentenceModel:
        if self.backend == "onnx":
            self.load()
            return self._model
        with self._lock:
            if self._fp32 is None:
                self._fp32 = self._load_onnx("onnx")
            return self._fp32

    def _remember(self, vectors: dict[str, np.ndarray]) -> None:
        """Keep the last RECENT vectors in memory (under _flight_lock): a comparison reads its sentences' vectors
        again (stance, framing), and each read from the disk cache let go of Python's lock row by row, which a thread
        beside busy Python then waited ~5 ms to get back."""
        for k, v in vectors.items():
            self._recent[k] = v
            self._recent.move_to_end(k)
        while len(self._recent) > RECENT:
            self._recent.popitem(last=False)

    def _counted(self, keys) -> None:
        with self._count_lock:
            self.model_calls += 1
            self.passes.update(keys)

    def counts(self, sentences: list[str]) -> dict[str, int]:
        """What went through the model so far, against a comparison's `sentences`: how many of them (`sentences`),
        the most passes any one had (`max_passes`), and the other texts sent (quotes, phrases, words: `other_texts`,
        each counted once, and `other_passes`)."""
        keys = {VectorCache.key(t) for t in sentences}
        with self._count_lock:
            others = [k for k in self.passes if k not in keys]
            return {"sentences": sum(self.passes[k] > 0 for k in keys),
                    "max_passes": max((self.passes[k] for k in keys), default=0),
                    "other_texts": len(others), "other_passes": sum(self.passes[k] for k in others)}

    def encode(self, texts: list[str], progress: Progress | None = None, passages: bool = False) -> np.ndarray:
        """Normalised vectors of `texts`: from the cache, else by the model. Texts another thread's encode() is
        embedding right now are waited for, not embedded again (the quote matching runs beside framing); each
        chunk's vectors are given out as it is made, so a text waits for its chunk only, not for the whole call.
        With `passages` (an article's sentences) each text's word-piece states and readouts are kept on the ``onnx``
        backend, for span_vectors() and word_scores(); nothing reads those of other texts (quotes, labels, words),
        and keeping them took Python's lock between the model's runs, which then waited (docs/benchmarks.md)."""
        keys = [VectorCache.key(t) for t in texts]
        # in flight, else in the cache, else mine, decided under one lock: a maker puts a chunk's vectors in the
        # cache before they leave the flight, so a text another thread is making is never made again
        with self._flight_lock:
            theirs = {k: self._flight[k] for k in set(keys) if k in self._flight}
            found = {k: self._recent[k] for k in set(keys) if k in self._recent and k not in theirs}
            found.update(self.cache.get(self.model_id, [k for k in set(keys) if k not in theirs and k not in found]))
            self._remember(found)
            mine = {k: Future() for k, t in zip(keys, texts) if k not in found and k not in theirs}
            wanted = {k: t for k, t in zip(keys, texts) if k in mine}
            self._flight.update(mine)
        try:
            todo = sorted(wanted.items(), key=lambda kt: len(kt[1]))
            fresh: dict[str, np.ndarray] = {}
            if todo:
                self.load()
                step = CHUNK if isinstance(self._model, OnnxSentenceModel) else BATCH
                for i in range(0, len(todo), step):
                    batch = todo[i:i + step]
                    texts_b = [t for _, t in batch]
                    if isinstance(self._model, OnnxSentenceModel):
                        states: list | None = [None] * len(batch) if passages and self.backend == "onnx" else None
                        vecs = self._model.encode(texts_b, states)
                        for (k, _), state in zip(batch, states or ()):
                            self._keep_states(k, *state)
                            if self._directions is not None:
                                self._keep(k, *state)
                    else:
                        vecs = self._model(texts_b)
                    self._counted(k for k, _ in batch)
                    made = {k: v.astype(np.float32) for (k, _), v in zip(batch, vecs)}
                    self.cache.put(self.model_id, made)
                    with self._flight_lock:
                        self._remember(made)
                        for k, v in made.items():
                            mine[k].set_result(v)
                            self._flight.pop(k, None)
                    fresh.update(made)
                    if progress:
                        progress(min(i + step, len(todo)), len(todo))
        except BaseException as e:
            for f in mine.values():
                if not f.done():
                    f.set_exception(e)
            raise
        finally:
            with self._flight_lock:
                for k in mine:
                    self._flight.pop(k, None)
        found.update(fresh)
        found.update({k: f.result() for k, f in theirs.items()})  # another thread's error shows here too
        dim = next(iter(found.values())).shape[0] if found else 384
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
