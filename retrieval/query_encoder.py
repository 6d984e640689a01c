"""Questions embedded without torch: all-MiniLM-L6-v2's forward pass in NumPy, over the model's own files.

sentence-transformers defines and loads the model, and embeds passages. Importing torch and
loading it costs seconds, which a question asked from a new process should not wait for; this
reads the same weights (model.safetensors) and tokenizer the bundled model ships, after checking
the model is the pipeline it implements (BERT, mean pooling, normalising), and gives the same
vectors (cosine ≥ 0.9999 to sentence-transformers', checked by tests and the benchmark) in a
fraction of a second from start, and milliseconds per question.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.embedder import DIMENSION, MODEL_NAME

PIPELINE = [
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
]


class UnsupportedModel(Exception):
    """The model's files are missing or describe something this encoder does not implement."""


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz & Stegun 7.1.26): float32's own precision, without SciPy."""
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    return np.sign(x) * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(1 / math.sqrt(2))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + eps) * weight + bias


def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (hidden, 3·hidden): query, key and value projections in one product
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


def _check(folder: Path) -> dict:
    """The model's config, if its files describe mean-pooled, normalised BERT; else UnsupportedModel."""
    try:
        modules = [m["type"] for m in json.loads((folder / "modules.json").read_text())]
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
        config = json.loads((folder / "config.json").read_text())
        sentence = json.loads((folder / "sentence_bert_config.json").read_text())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UnsupportedModel(f"cannot read the model's description ({error})") from error
    if modules != PIPELINE:
        raise UnsupportedModel(f"the model's modules are {modules}")
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
    if modes != ["pooling_mode_mean_tokens"]:
        raise UnsupportedModel(f"the model pools by {modes}")
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
        raise UnsupportedModel(f"the model is {config.get('model_type')} with {config.get('hidden_act')}")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise UnsupportedModel("the model's positions are not absolute")
    return config | {"max_seq_length": sentence.get("max_seq_length", 256)}


class NumpyMiniLM:
    """The bundled sentence-transformers model's forward pass for short texts, in NumPy."""

    name = MODEL_NAME
    dim = DIMENSION

    def __init__(self, folder: Path):
        started = time.perf_counter()
        config = _check(folder)
        weights_file = folder / "model.safetensors"
        if not weights_file.exists():
            raise UnsupportedModel(f"no {weights_file.name} beside the model")
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        w = {k.removeprefix("bert."): v for k, v in load_file(str(weights_file)).items()}
        self.heads = config["num_attention_heads"]
        self.eps = float(config["layer_norm_eps"])
        self.hidden = config["hidden_size"]
        if self.hidden != self.dim:
            raise UnsupportedModel(f"the model gives {self.hidden} dimensions, not {self.dim}")
        f32 = np.float32
        self.words = w["embeddings.word_embeddings.weight"].astype(f32, copy=False)
        self.positions = w["embeddings.position_embeddings.weight"].astype(f32, copy=False)
        self.token_type = w["embeddings.token_type_embeddings.weight"][0].astype(f32, copy=False)
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for n in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{n}."
            attention = p + "attention.self."
            self.layers.append(
                _Layer(
                    qkv=np.ascontiguousarray(
                        np.concatenate([w[attention + x + ".weight"] for x in ("query", "key", "value")]).T, dtype=f32
                    ),
                    qkv_bias=np.concatenate([w[attention + x + ".bias"] for x in ("query", "key", "value")]),
                    out=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T, dtype=f32),
                    out_bias=w[p + "attention.output.dense.bias"],
                    norm1=(w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    up=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T, dtype=f32),
                    up_bias=w[p + "intermediate.dense.bias"],
                    down=np.ascontiguousarray(w[p + "output.dense.weight"].T, dtype=f32),
                    down_bias=w[p + "output.dense.bias"],
                    norm2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The file's own settings pad and cut at 128; sentence-transformers reads up to max_seq_length.
        self.tokenizer.enable_truncation(max_length=int(config["max_seq_length"]))
        self.tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0), pad_token="[PAD]")
        self._blas = _blas_controller()
        self.load_seconds = time.perf_counter() - started

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        if self._blas is None:
            x = self._forward(ids, mask)
        else:
            # A question's products are small: one BLAS thread runs them fastest, and steadiest when the
            # CPUs are busy (two threads waiting on each other cost 10× at times on a loaded machine).
            with self._blas.limit(limits=1, user_api="blas"):
                x = self._forward(ids, mask)
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return np.ascontiguousarray(pooled / norms, dtype=np.float32)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        heads, size = self.heads, self.hidden // self.heads
        x = self.words[ids] + self.positions[:length] + self.token_type
        x = _layer_norm(x, *self.norm, self.eps)
        # Padding is never attended to (as in BERT: a large negative added before the softmax).
        blocked = ((1.0 - mask) * np.float32(np.finfo(np.float32).min))[:, None, None, :]
        scale = np.float32(1 / math.sqrt(size))
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            q, k, v = (
                qkv[:, :, i * self.hidden : (i + 1) * self.hidden]
                .reshape(batch, length, heads, size)
                .transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.hidden)
            x = _layer_norm(context @ layer.out + layer.out_bias + x, *layer.norm1, self.eps)
            inner = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(inner @ layer.down + layer.down_bias + x, *layer.norm2, self.eps)
        return x
