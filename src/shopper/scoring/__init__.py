"""Scoring: rubrics of weighted checks over finished conversations, and the KPIs.

Public API: :func:`shopper.scoring.engine.score_conversation`, :func:`~shopper.scoring.engine.passed`,
:class:`shopper.scoring.context.ScoringContext`, :class:`shopper.scoring.model.Rubric`,
:func:`shopper.scoring.loading.load_rubric`, :func:`shopper.scoring.kpis.aggregate` /
:func:`~shopper.scoring.kpis.overall`. Importing this package loads nothing heavy.
"""
