// kg analyze: every Place with its level and the chain of units above it (PART_OF, nearest first).
MATCH (p:Place)
OPTIONAL MATCH path = (p)-[:PART_OF*1..6]->(:Place)
WITH p, path ORDER BY length(path) DESC
WITH p, head(collect(path)) AS longest
WITH p, CASE WHEN longest IS NULL THEN [] ELSE tail(nodes(longest)) END AS above
RETURN p.id AS id, p.name AS name, coalesce(p.level, '') AS level,
       [u IN above | u.name] AS chain, [u IN above | coalesce(u.level, '')] AS chain_levels
