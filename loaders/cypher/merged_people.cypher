// People an earlier load merged (an analyst's merges file): their ids and the ids joined into them.
MATCH (p:Person) WHERE p.merged_from IS NOT NULL
RETURN p.id AS id, p.merged_from AS merged_from
