"""Claims across sources: claim units, alignment into facts, corroboration and conflicts."""
