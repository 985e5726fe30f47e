"""Fine-tune the packaged all-MiniLM-L6-v2 as a loaded-word tagger (one logit per word-piece) on labelled news words.

    python scripts/train_tagger.py [--data mbic] [--epochs 3] [--out /tmp/tagger] [--holdout K]

Training data: MBIC's 1,700 crowd-labelled sentences (Apache-2.0, so weights trained on it may ship);
`--data mbic+babe` adds BABE SG2 (AGPL-3.0: for measuring only, never shipped). A word-piece is positive when it
overlaps a labelled word. `--holdout K` leaves MBIC fold K of 5 (by sentence) out, to measure on it.
Threads are capped (2 by default, FRAMEDIFF_TRAIN_THREADS): the machine is shared.
The data sets are read at run time from /work/shared/bench/bias; nothing of them is stored in the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

BIAS = Path("/work/shared/bench/bias")
MAX_LEN = 128
FOLDS = 5


def read(name: str, bias: Path = BIAS) -> list[dict]:
    return [json.loads(x) for x in Path(bias, name).read_text(encoding="utf-8").splitlines() if x]


def mbic_folds(n: int) -> np.ndarray:
    """Fold of each MBIC sentence, as bench/train_wordscore.py draws them (5 folds by sentence, seed 0)."""
    return np.random.RandomState(0).permutation(n) % FOLDS


def model_dir() -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from framediff.model_store import find_model

    return find_model().path


def _batch(tok, texts, spans=None):
    enc = tok(texts, truncation=True, max_length=MAX_LEN, padding=True, return_offsets_mapping=True,
              return_tensors="np")
    labels = None
    if spans is not None:
        off = enc["offset_mapping"]
        labels = np.full(off.shape[:2], -100.0, np.float32)
        for i, sp in enumerate(spans):
            for j, (s, e) in enumerate(off[i]):
                if e > s:
                    labels[i, j] = float(any(s < g["end"] and g["start"] < e for g in sp))
    return enc, labels


def train(rows: list[dict], epochs: int = 3, lr: float = 5e-5, batch: int = 16, seed: int = 0, base: Path | None = None):
    """The fine-tuned model (torch, eval mode) and its tokenizer."""
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    torch.manual_seed(seed)
    base = base or model_dir()
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForTokenClassification.from_pretrained(base, num_labels=1)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = epochs * ((len(rows) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: min(1.0, (k + 1) / (0.1 * steps)) * max(0.0, 1 - k / steps))
    rng = np.random.RandomState(seed)
    pos = sum(len(r.get("spans", [])) for r in rows)
    words = sum(len(r["text"].split()) for r in rows)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.tensor(min(5.0, (words - pos) / max(pos, 1))))
    model.train()
    t0 = time.time()
    for ep in range(epochs):
        order = rng.permutation(len(rows))
        total = 0.0
        for k in range(0, len(order), batch):
            chunk = [rows[i] for i in order[k:k + batch]]
            enc, labels = _batch(tok, [r["text"] for r in chunk], [r.get("spans", []) for r in chunk])
            out = model(input_ids=torch.from_numpy(enc["input_ids"]), attention_mask=torch.from_numpy(enc["attention_mask"]))
            y = torch.from_numpy(labels)
            mask = (y >= 0).float()
            loss = (loss_fn(out.logits[..., 0], y.clamp(min=0)) * mask).sum() / mask.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
        print(f"epoch {ep + 1}: loss {total / ((len(order) + batch - 1) // batch):.4f} ({time.time() - t0:.0f}s)", flush=True)
    model.eval()
    return model, tok


def score(model, tok, texts: list[str], spans: list[list[tuple[int, int]]], batch: int = 32) -> list[np.ndarray]:
    """Per text, each (start, end) span's logit: the highest of the word-pieces overlapping it (-20 when none)."""
    import torch

    out = [np.full(len(sp), -20.0, np.float32) for sp in spans]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.inference_mode():
        for k in range(0, len(order), batch):
            idx = [i for i in order[k:k + batch] if spans[i]]
            if not idx:
                continue
            enc, _ = _batch(tok, [texts[i] for i in idx])
            logits = model(input_ids=torch.from_numpy(enc["input_ids"]),
                           attention_mask=torch.from_numpy(enc["attention_mask"])).logits[..., 0].numpy()
            for row, i in enumerate(idx):
                off = enc["offset_mapping"][row]
                for j, (s, e) in enumerate(spans[i]):
                    hit = (off[:, 0] < e) & (s < off[:, 1]) & (off[:, 1] > off[:, 0])
                    if hit.any():
                        out[i][j] = float(logits[row][hit].max())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="mbic", choices=["mbic", "mbic+babe"])
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--holdout", type=int, default=None)
    ap.add_argument("--out", default="/tmp/tagger")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(int(os.environ.get("FRAMEDIFF_TRAIN_THREADS", "2")))
    mbic = read("mbic_crowd_words.jsonl")
    rows = list(mbic)
    if args.holdout is not None:
        fold = mbic_folds(len(mbic))
        rows = [r for r, k in zip(mbic, fold) if k != args.holdout]
    if args.data == "mbic+babe":
        seen = {r["text"] for r in mbic}
        rows += [r for r in read("babe_sg2_expert_words.jsonl") if r["text"] not in seen]
    model, tok = train(rows, args.epochs, args.lr)
    model.save_pretrained(args.out)
    tok.save_pretrained(args.out)
    print("saved", args.out)


if __name__ == "__main__":
    main()
