// kg analyze: who attended or chaired which event (the co-attendance graph is built from these).
MATCH (p:Person)-[r:ATTENDED|CHAIRED]->(e:Event)
RETURN p.id AS head, p.name AS head_name, 'Person' AS head_type,
       e.id AS tail, e.name AS tail_name, 'Event' AS tail_type,
       type(r) AS type, coalesce(r.date, '') AS date, '' AS agreement
