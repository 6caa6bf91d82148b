"""Pipeline stages: small classes behind the :class:`~newsweave.pipeline.Stage` protocol."""
