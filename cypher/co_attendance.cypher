// The person–person network: pairs who attended or chaired the same events, with counts.
MATCH (p1:Person)-[:ATTENDED|CHAIRED]->(e:Event)<-[:ATTENDED|CHAIRED]-(p2:Person)
WHERE p1.id < p2.id
RETURN
  p1.name AS person_a,
  p1.jurisdiction AS jurisdiction_a,
  p2.name AS person_b,
  p2.jurisdiction AS jurisdiction_b,
  count(DISTINCT e) AS events,
  collect(DISTINCT e.name)[..5] AS some_events
ORDER BY events DESC, person_a, person_b
