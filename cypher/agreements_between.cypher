// The agreements parties $a and $b (name or alias) signed, or any place inside them (their towns and townships, PART_OF).
// 义乌市 and 丽水市 also find 佛堂镇 with 峰源乡: each side is the named entity or a Place that lies in
// it by the administrative chain of kg/divisions.py. party_a and party_b say who actually signed.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS na
WHERE na:Entity AND (na.name = $a OR $a IN na.aliases)
MATCH (x:Entity)-[:PART_OF*0..6]->(na)
WITH collect(DISTINCT x) AS side_a
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS nb
WHERE nb:Entity AND (nb.name = $b OR $b IN nb.aliases)
MATCH (y:Entity)-[:PART_OF*0..6]->(nb)
WITH side_a, collect(DISTINCT y) AS side_b
CALL (side_a, side_b) {
  UNWIND side_a AS x
  MATCH (x)-[r:SIGNED_AGREEMENT]-(y:Entity)
  WHERE y IN side_b
  RETURN DISTINCT x.name AS party_a, y.name AS party_b, r.agreement AS agreement, r.date AS date,
         r.article_id AS article_id, r.sentence AS evidence
  UNION
  UNWIND side_a AS x
  MATCH (x)-[r:PARTY_TO]-(ag:Agreement)-[:PARTY_TO]-(y:Entity)
  WHERE y IN side_b
  RETURN DISTINCT x.name AS party_a, y.name AS party_b, ag.name AS agreement, r.date AS date,
         r.article_id AS article_id, r.sentence AS evidence
}
RETURN party_a, party_b, agreement, date, article_id, evidence
ORDER BY date, party_a, party_b, agreement
