// Which of a batch's articles are stored already (their relationships must be MERGEd, not created).
MATCH (a:Article) WHERE a.id IN $ids
RETURN a.id AS id
