// The $limit entities with the most distinct neighbours (articles and MENTIONS left out).
MATCH (n:Entity)
MATCH (n)-[r]-(m:Entity)
WHERE type(r) <> 'MENTIONS'
WITH n, count(DISTINCT m) AS neighbours, count(r) AS relationships
RETURN
  n.name AS name,
  [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
  n.jurisdiction AS jurisdiction,
  neighbours,
  relationships
ORDER BY neighbours DESC, relationships DESC, name
LIMIT toInteger($limit)
