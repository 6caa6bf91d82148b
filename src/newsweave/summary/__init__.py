"""Story summaries: a cited extractive summary, a headline and a timeline (issue 15).

:mod:`.candidates` finds the sentences a summary may use, :mod:`.select` picks them,
:mod:`.headline` chooses the headline, :mod:`.timeline` dates the story, :mod:`.summarize` puts
them together for a set of articles and :mod:`.service` stores them per story.
"""
