// The agreements parties $a and $b (name or alias) signed, from party–party links and Agreement nodes.
MATCH (x:Entity)-[r:SIGNED_AGREEMENT]-(y:Entity)
WHERE (x.name = $a OR $a IN x.aliases) AND (y.name = $b OR $b IN y.aliases)
RETURN DISTINCT r.agreement AS agreement, r.date AS date, r.article_id AS article_id, r.sentence AS evidence
UNION
MATCH (x:Entity)-[r:PARTY_TO]-(ag:Agreement)-[:PARTY_TO]-(y:Entity)
WHERE (x.name = $a OR $a IN x.aliases) AND (y.name = $b OR $b IN y.aliases)
RETURN DISTINCT ag.name AS agreement, r.date AS date, r.article_id AS article_id, r.sentence AS evidence
