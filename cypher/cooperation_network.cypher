// Party–party cooperation agreements (山海协作, 结对, 对口支援 …) with counts and agreement names.
CALL () {
  MATCH (x:Entity)-[r:SIGNED_AGREEMENT]-(y:Entity)
  WHERE x.id < y.id
  RETURN x, y, coalesce(r.agreement, '') AS agreement
  UNION
  MATCH (x:Entity)-[:PARTY_TO]-(ag:Agreement)-[:PARTY_TO]-(y:Entity)
  WHERE x.id < y.id
  RETURN x, y, ag.name AS agreement
}
WITH x, y, collect(DISTINCT agreement) AS names
RETURN
  x.name AS party_a,
  y.name AS party_b,
  size(names) AS agreements,
  names
ORDER BY agreements DESC, party_a, party_b
