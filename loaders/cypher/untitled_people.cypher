// The titles of the people $ids (an empty list for one no mention gave a title).
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p.id AS id, coalesce(p.titles, []) AS titles
