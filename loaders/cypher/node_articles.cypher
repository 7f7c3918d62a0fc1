// The articles that mention each node of $ids (none for a node not in the graph).
UNWIND $ids AS id
MATCH (n:Entity {id: id})<-[:MENTIONS]-(a:Article)
RETURN id, collect(a.id) AS articles
