"""Target-dependent sentiment from a small fine-tuned transformer, run with onnxruntime.

The model is all-MiniLM-L6-v2 fine-tuned on NewsMTSC by
``scripts/train_target_model.py`` and quantised to int8. A sentence is encoded
once; each target in it is judged from two averages of the encoder's last layer,
one over the target's own word pieces and one over the whole sentence, read by a
linear head. So a sentence with five actors in it costs one encoder pass, not five.

Loading is lazy and cached once per process; neither onnxruntime nor tokenizers
downloads anything. Everything here runs on one thread, so the scores are the same
bit for bit in every process, whatever else runs beside it.
"""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

#: Labels in the order of the head's outputs.
LABELS = ("negative", "neutral", "positive")
#: The files of a trained model, in one folder.
ENCODER_FILE = "target_encoder.onnx"
TOKENIZER_FILE = "target_tokenizer.json"
HEAD_FILE = "target_head.npz"
CARD_FILE = "target_model.json"
#: Word pieces one encoder pass reads, the two special tokens included; the model was
#: trained on sentences cut to this length.
MAX_TOKENS = 128
#: Digits kept of each probability, so that tables do not carry float noise.
DIGITS = 4
#: Graph rewrites onnxruntime is told to leave out. Its fused residual-add-and-norm
#: kernel is several times slower at a sentence's size than the plain add and layer
#: norm it replaces, and costs about a seventh of the whole encoder run.
SLOW_FUSIONS = ("SkipLayerNormFusion",)

#: One item to judge: a text and the character offsets of the target in it.
Item = tuple[str, int, int]


def target_token_mask(offsets: Sequence[tuple[int, int]], start: int, end: int) -> np.ndarray:
    """1.0 for each word piece that overlaps ``[start, end)``, else 0.0.

    Special tokens carry the offsets ``(0, 0)`` and so never count. When no piece
    overlaps (a target cut off by truncation), every real piece counts: the head then
    reads the sentence as a whole rather than nothing.
    """
    mask = np.array([1.0 if a < end and start < b and a < b else 0.0 for a, b in offsets])
    if not mask.any():
        mask = np.array([1.0 if a < b else 0.0 for a, b in offsets])
    return mask.astype(np.float32)


def pooled(hidden: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The head's input for one target: its pieces' mean, then the sentence's mean.

    Args:
        hidden: ``(tokens, width)`` last-layer states of one sentence, no padding.
        target: ``(tokens,)`` the target's mask (see :func:`target_token_mask`).
    """
    weights = np.stack([target, np.ones(len(hidden), dtype=np.float32)])
    weights = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1.0)
    return (weights @ hidden).reshape(-1)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class TargetEncoder:
    """A loaded model: the onnxruntime session, its tokenizer and the head's weights."""

    session: object
    tokenizer: object
    weight: np.ndarray  # (labels, 2 * width)
    bias: np.ndarray  # (labels,)

    @classmethod
    def from_folder(cls, folder: Path) -> TargetEncoder:
        """Load the three files of a model (see ``ENCODER_FILE`` and the others)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(
            str(folder / ENCODER_FILE),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=list(SLOW_FUSIONS),
        )
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        with np.load(folder / HEAD_FILE, allow_pickle=False) as head:
            weight, bias = head["weight"].astype(np.float32), head["bias"].astype(np.float32)
        return cls(session, tokenizer, weight, bias)

    def _states(self, encodings: list) -> list[np.ndarray]:
        """Last-layer states of each encoding, ``(tokens, width)``, one sentence a run.

        The int8 model scales its activations by the range of the whole input, so a
        sentence run beside others would score a little differently from the same
        sentence alone: one run each keeps every score independent of its neighbours.
        """
        states = []
        for encoding in encodings:
            ids = np.array([encoding.ids], dtype=np.int64)
            states.append(self.session.run(None, {"input_ids": ids})[0][0])
        return states

    def probabilities(self, items: Sequence[Item]) -> np.ndarray:
        """``(len(items), 3)`` probabilities, in ``LABELS`` order; each text is encoded once."""
        if not items:
            return np.zeros((0, len(LABELS)))
        texts = sorted({text for text, _, _ in items})
        encoded = dict(zip(texts, self.tokenizer.encode_batch(texts), strict=True))
        # A text past the model's length is read as a stretch around each target in it.
        long = {}
        for text, encoding in encoded.items():
            if len(encoding.ids) > MAX_TOKENS:
                pieces = encoding.offsets[1:-1]
                long[text] = (pieces, [b for _, b in pieces])
        windows = [_window(*long[item[0]], item) if item[0] in long else item for item in items]
        extra = sorted({w[0] for w in windows} - encoded.keys())
        encoded.update(zip(extra, self.tokenizer.encode_batch(extra), strict=True))
        read = sorted({w[0] for w in windows})
        states = dict(zip(read, self._states([encoded[t] for t in read]), strict=True))
        offsets = {text: encoded[text].offsets for text in read}  # built anew on each access
        rows = []
        for text, start, end in windows:
            target = target_token_mask(offsets[text], start, end)
            rows.append(pooled(states[text], target))
        probs = softmax(np.stack(rows).astype(np.float64) @ self.weight.T + self.bias)
        return np.round(probs, DIGITS)


def _window(offsets: list[tuple[int, int]], ends: list[int], item: Item) -> Item:
    """A stretch of at most ``MAX_TOKENS`` pieces of a long text, around the item's target.

    Args:
        offsets: The text's pieces, special tokens left out.
        ends: Where each piece ends, for bisection: a huge one-line text with many
            mentions then costs a lookup per mention, not a scan.
        item: ``(text, start, end)``.
    """
    text, start, end = item
    room = MAX_TOKENS - 2
    hit = bisect.bisect_right(ends, start)  # the first piece that ends past the start
    first = max(0, min(hit - room // 4, len(offsets) - room))
    cut_from, cut_to = offsets[first][0], offsets[first + room - 1][1]
    return text[cut_from:cut_to], max(start - cut_from, 0), max(min(end, cut_to) - cut_from, 0)


def model_folder() -> Path:
    """Where the shipped model lies, inside the package."""
    return Path(str(resources.files("analysis"))) / "models"


@functools.cache
def load_encoder() -> TargetEncoder:
    """The shipped model, loaded on first use and kept for the process."""
    return TargetEncoder.from_folder(model_folder())


@functools.cache
def model_card() -> dict:
    """The shipped model's card: base, recipe and the figures measured when it was made."""
    return json.loads((model_folder() / CARD_FILE).read_text(encoding="utf-8"))
