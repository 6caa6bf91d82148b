"""English function words and news boilerplate words ignored as terms and as name keys."""

from __future__ import annotations

_WORDS = """
a about above across after afterwards again against ago all almost alone along already also
although always am among an and another any anyone anything anyway are around as at back be
became because become been before behind being below beside besides between beyond both but by
can cannot could did do does doing done down during each either else enough even ever every
few for former from further get gets got had has have having he her here hers herself him
himself his how however i if in into is it its itself just last least less like made make many
may me meanwhile might more most mostly much must my myself neither never nevertheless next no
nobody none nor not nothing now of off often on once one only onto or other others otherwise
our ours ourselves out over own per perhaps please put rather re same say says said see seem
seemed seems several she should since so some somehow someone something sometime sometimes
still such than that the their theirs them themselves then there thereby therefore these they
this those though through throughout thus to together too toward towards under until up upon
us very via was we well were what whatever when whenever where whereas whether which while who
whoever whole whom whose why will with within without would yet you your yours yourself
yourselves s t don didn doesn isn wasn weren won wouldn couldn shouldn ll ve d m o re
mr mrs ms dr new news also told tell according reported report reports reuters ap afp
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks
year years day days month months time times people percent
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
posted updated update updates read more comments comment share click
"""

#: Lower-cased words that are neither content terms nor name keys.
STOPWORDS: frozenset[str] = frozenset(_WORDS.split())
